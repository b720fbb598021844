using AeorDb.Api.Security;
using AeorDb.Api.Storage;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Peers;
using AeorDb.Grains.Tree;
using AeorDb.Silo.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AeorDb.Silo.Hosting;

/// <summary>Applies <see cref="LimitOptions"/>: Kestrel's connection limits, the API's resource limits, glob limits and the sizes accepted from peers.</summary>
internal static class LimitsHostingExtensions
{
    public static WebApplicationBuilder AddAeorDbLimits(this WebApplicationBuilder builder, LimitOptions limits)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaders;

            // Kestrel times a body only while the app waits on a read, so an upload paused while chunks are committed
            // is never cut; a client that trickles its body (or stops sending) is.
            kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyRate > 0
                ? new MinDataRate(limits.MinRequestBodyRate, limits.MinRequestBodyRateGrace)
                : null;
        });

        var services = builder.Services;
        services.Configure<ResourceLimitOptions>(api =>
        {
            api.MaxEventStreamsPerCaller = limits.MaxEventStreamsPerCaller;
            api.MaxEventStreams = limits.MaxEventStreams;
            api.MaxListingPage = limits.MaxListingPage;
            api.PermissionsFileLimit = limits.MaxPermissionsFileBytes;
        });
        services.Configure<GlobOptions>(globs =>
        {
            globs.MaxAlternatives = limits.MaxGlobAlternatives;
            globs.MaxExpandedLength = limits.MaxGlobExpandedLength;
            globs.CacheBytes = limits.GlobCacheBytes;
        });
        services.Configure<PeerOptions>(peers =>
        {
            peers.MaxDiffAnswerBytes = limits.MaxPeerDiffBytes;
            peers.MaxChunksAnswerBytes = limits.MaxPeerChunksBytes;
            peers.MaxEventFrameBytes = limits.MaxPeerEventFrameBytes;
        });
        services.Configure<SmallFileCacheOptions>(cache => cache.MaxBytes = limits.ReadCacheBytes);
        services.Configure<LocalHeadOptions>(head => head.MaxEntries = limits.HeadCacheEntries);
        return builder;
    }
}

using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Jwt;
using AeorDb.Api.Events;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Tests.Api.Auth;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace AeorDb.Tests.Api.Events;

/// <summary>Who reaches the event streams (CONTRACT §3.1, §6.4), through the real JwtBearer handler.</summary>
public sealed class EventsAuthTests
{
    [Fact]
    public async Task PeerToken_OnSyncEvents_IsAPeer_OnSystemEvents_IsRefusedBySyncScope()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, TokenIssuer.SyncScope, TimeSpan.FromMinutes(5), AuthTestHost.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Token;

        var (onSync, syncContext) = await host.AuthenticateAsync(token, "/sync/events");
        var (_, systemContext) = await host.AuthenticateAsync(token, "/system/events");

        Assert.True(onSync.Succeeded, onSync.Failure?.Message);
        Assert.Null(CallerExtensions.Check(syncContext));
        Assert.True(syncContext.GetCaller().IsPeer);
        Assert.True(EventsEndpoints.MayUseSyncStream(syncContext.GetCaller()));
        Assert.Equal(StatusCodes.Status403Forbidden, (CallerExtensions.Check(systemContext) as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task QueryToken_OnSyncEvents_IsAccepted()
    {
        using var host = new AuthTestHost();
        await host.BootstrapAsync();
        var token = host.Get<TokenIssuer>().Issue(Guid.Empty, null, TokenIssuer.SyncScope, TimeSpan.FromMinutes(5), AuthTestHost.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Token;

        var (result, context) = await host.AuthenticateAsync(null, "/sync/events", queryToken: token);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(context.GetCaller().IsPeer);
    }

    [Fact]
    public void MayUseSyncStream_RootAndPeers_Yes_ScopedKeysAndUsers_No()
    {
        Assert.True(EventsEndpoints.MayUseSyncStream(new Caller(Guid.Empty, null, null, [], false)));
        Assert.True(EventsEndpoints.MayUseSyncStream(Caller.Disabled));
        Assert.False(EventsEndpoints.MayUseSyncStream(new Caller(Guid.Empty, Guid.NewGuid(), null, [new KeyRule("**", "-r--l---")], false)));
        Assert.False(EventsEndpoints.MayUseSyncStream(new Caller(Guid.NewGuid(), null, null, [], false)));
    }
}

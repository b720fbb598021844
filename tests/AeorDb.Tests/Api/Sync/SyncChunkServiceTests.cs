using System.Text;
using System.Text.Json;
using AeorDb.Api;
using AeorDb.Api.Auth;
using AeorDb.Api.Auth.Access;
using AeorDb.Api.Sync;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Api.Sync;

/// <summary>The /sync/chunks planner as a plain class: the response budget (CONTRACT §5.3) and the SYSTEM filter.</summary>
public sealed class SyncChunkServiceTests
{
    private static readonly Caller Root = new(Guid.Empty, null, null, [], AuthDisabled: false);

    [Fact]
    public async Task Chunks_EstimatePassesBudget_Returns413WithChunksSoFar()
    {
        // Each 300-byte chunk counts 400 + 64 + 64 = 528: the second passes a 1000-byte budget.
        var service = Service(new InfoOnlyStore(300, system: false), new ApiOptions { ChunkResponseBudget = 1000 });

        var result = await service.ChunksAsync(Context(Root, Hashes(3)), CancellationToken.None);

        var json = Assert.IsType<JsonHttpResult<ChunkBudgetExceeded>>(result);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, json.StatusCode);
        Assert.Equal(
            "{\"error\":\"Response would exceed 1000 bytes; split the request into smaller batches\",\"chunks_so_far\":1}",
            JsonSerializer.Serialize(json.Value, ApiJson.Options));
    }

    [Fact]
    public async Task Chunks_EstimateWithinBudget_PlansEveryChunk()
    {
        var service = Service(new InfoOnlyStore(300, system: false), new ApiOptions { ChunkResponseBudget = 1056 });

        var result = await service.ChunksAsync(Context(Root, Hashes(2)), CancellationToken.None);

        Assert.IsType<SyncChunksResult>(result);
    }

    [Fact]
    public async Task Chunks_ScopedCallerWithoutRules_SystemChunksDoNotCountOrGo()
    {
        var user = new Caller(Guid.NewGuid(), null, null, [], AuthDisabled: false);
        var service = Service(new InfoOnlyStore(300, system: true), new ApiOptions { ChunkResponseBudget = 1000 });

        var result = await service.ChunksAsync(Context(user, Hashes(5)), CancellationToken.None);

        Assert.IsType<SyncChunksResult>(result);
    }

    /// <summary>The service with an empty reference index: only root and peers get chunks.</summary>
    private static SyncChunkService Service(IObjectStore store, ApiOptions options) =>
        new(store, new ObjectAccess(new NoReferences(), new DenyAll(), new PathRules(), Options.Create(options)), Options.Create(options));

    private static string[] Hashes(int count) => [.. Enumerable.Range(1, count).Select(i => i.ToString("x64"))];

    private static HttpContext Context(Caller caller, string[] hashes)
    {
        var context = new DefaultHttpContext();
        context.Items[typeof(Caller)] = caller;
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { hashes }));
        context.Request.Method = "POST";
        context.Request.Path = "/sync/chunks";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context;
    }

    private sealed class NoReferences : IObjectReferences
    {
        public Task<IReadOnlyList<string>> GetReferencingPathsAsync(ReadOnlyMemory<byte> hash, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }

    private sealed class DenyAll : IAccessPolicy
    {
        public ValueTask<AccessDecision> CheckAsync(Caller caller, string canonicalPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(AccessDecision.Forbidden);

        public ValueTask<string?> ListingPermissionsAsync(Caller caller, string childPath, Operation operation, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>(null);
    }

    /// <summary>Knows every hash as a chunk of one length; never reads bytes (planning must not).</summary>
    private sealed class InfoOnlyStore(int length, bool system) : IObjectStore
    {
        public ValueTask<ObjectInfo?> GetInfoAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ObjectInfo?>(new ObjectInfo(ObjectKind.Chunk, system, length));

        public ValueTask<byte[]> PutChunkAsync(ReadOnlyMemory<byte> data, bool system, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> PutVerifiedChunkAsync(ReadOnlyMemory<byte> expectedHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<FileVersion> PutFileVersionAsync(IReadOnlyList<string> chunkHashes, long size, string? contentType, bool system, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<FileVersion> PutSmallFileAsync(ReadOnlyMemory<byte> content, string? contentType, bool system, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<FileVersion?> GetFileVersionAsync(string versionHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> ReadAsync(ReadOnlyMemory<byte> hash, Memory<byte> destination, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> ContainsAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

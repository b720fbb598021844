using System.Net;
using System.Text;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Paths;
using AeorDb.Grains.Services.Peers;
using AeorDb.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace AeorDb.Tests.Grains.Peers;

/// <summary>
/// CONTRACT §7: a pull merges the peer's changes with ours (one real remote node, auth disabled, pulled into the
/// in-process silo of <see cref="GrainClusterFixture"/>), records conflicts through the tree and resolves them.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class PeerPullerMergeTests(GrainClusterFixture fixture) : RemotePeerTests
{
    private IConflictGrain Conflicts => fixture.Cluster.Client.GetGrain<IConflictGrain>(0);

    [Fact]
    public async Task Pull_BothModifiedSamePath_LaterWinsConflictRecordedAndLoserResolvable()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/x.txt", "base");
        await Remote.Anonymous.PutTextAsync(dir + "/other.txt", "other");
        var puller = Puller();
        var (first, baseRoot) = await puller.PullAsync(Peer(dir), null, CancellationToken.None);
        Assert.True(first.Ok, first.Error);

        var local = await WriteLocalAsync(dir + "/x.txt", "local edit");
        await Remote.Anonymous.PutTextAsync(dir + "/x.txt", "remote edit, written later");
        var (second, _) = await puller.PullAsync(Peer(dir), baseRoot, CancellationToken.None);

        Assert.True(second.Ok, second.Error);
        Assert.Equal(1, second.ConflictsDetected);
        Assert.Equal("remote edit, written later", await ReadLocalAsync(dir + "/x.txt"));
        var conflict = await Conflicts.GetAsync(dir + "/x.txt");
        Assert.NotNull(conflict);
        Assert.Equal("ConcurrentModify", conflict.ConflictType);
        Assert.Equal(local.Hash, conflict.Loser.Hash);
        Assert.Equal((await fixture.Tree.GetAsync(dir + "/x.txt"))!.Hash, conflict.Winner.Hash);
        Assert.Contains(await Conflicts.ListAsync(), c => c.Path == dir + "/x.txt");
        Assert.Null(await Conflicts.GetAsync(dir + "/other.txt"));

        Assert.True(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: true));

        Assert.Equal("local edit", await ReadLocalAsync(dir + "/x.txt"));
        Assert.Null(await Conflicts.GetAsync(dir + "/x.txt"));
        Assert.False(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: true));
    }

    [Fact]
    public async Task Pull_RemoteDeletedLocallyModified_ModifyBeatsDeleteAndLoserPickDeletes()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/y.txt", "base");
        var puller = Puller();
        var (_, baseRoot) = await puller.PullAsync(Peer(dir), null, CancellationToken.None);

        await WriteLocalAsync(dir + "/y.txt", "kept");
        using (var deleted = await Remote.Anonymous.DeleteAsync("/files" + dir + "/y.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var (pull, _) = await puller.PullAsync(Peer(dir), baseRoot, CancellationToken.None);

        Assert.True(pull.Ok, pull.Error);
        Assert.Equal(1, pull.ConflictsDetected);
        Assert.Equal("kept", await ReadLocalAsync(dir + "/y.txt"));
        var conflict = (await Conflicts.GetAsync(dir + "/y.txt"))!;
        Assert.Equal("ModifyDelete", conflict.ConflictType);
        Assert.Equal("", conflict.Loser.Hash);

        Assert.True(await Conflicts.ResolveAsync(dir + "/y.txt", pickLoser: true));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/y.txt"));
        Assert.DoesNotContain(await Conflicts.ListAsync(), c => c.Path.StartsWith(dir, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_LocalChangeOnlyAndRemoteChangeElsewhere_NoConflictBothKept()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/a.txt", "a1");
        await Remote.Anonymous.PutTextAsync(dir + "/b.txt", "b1");
        var puller = Puller();
        var (_, baseRoot) = await puller.PullAsync(Peer(dir), null, CancellationToken.None);

        await WriteLocalAsync(dir + "/a.txt", "a2 local");
        await Remote.Anonymous.PutTextAsync(dir + "/b.txt", "b2 remote");
        var (pull, _) = await puller.PullAsync(Peer(dir), baseRoot, CancellationToken.None);

        Assert.True(pull.Ok, pull.Error);
        Assert.Equal(0, pull.ConflictsDetected);
        Assert.Equal("a2 local", await ReadLocalAsync(dir + "/a.txt"));
        Assert.Equal("b2 remote", await ReadLocalAsync(dir + "/b.txt"));
    }

    [Fact]
    public async Task Dismiss_RecordedConflict_DropsRecordAndLoserKeepsPath()
    {
        var dir = GrainClusterFixture.NewDirectory();
        await Remote.Anonymous.PutTextAsync(dir + "/z.txt", "base");
        var puller = Puller();
        var (_, baseRoot) = await puller.PullAsync(Peer(dir), null, CancellationToken.None);
        await WriteLocalAsync(dir + "/z.txt", "local");
        await Remote.Anonymous.PutTextAsync(dir + "/z.txt", "remote");
        var (pull, _) = await puller.PullAsync(Peer(dir), baseRoot, CancellationToken.None);
        Assert.Equal(1, pull.ConflictsDetected);
        Assert.NotNull(await fixture.Tree.GetAsync("/.aeordb-conflicts" + dir + "/z.txt/.loser"));

        Assert.True(await Conflicts.DismissAsync(dir + "/z.txt"));

        Assert.Equal("remote", await ReadLocalAsync(dir + "/z.txt"));
        Assert.Null(await Conflicts.GetAsync(dir + "/z.txt"));
        Assert.Null(await fixture.Tree.GetAsync("/.aeordb-conflicts" + dir + "/z.txt/.loser"));
        Assert.False(await Conflicts.DismissAsync(dir + "/z.txt"));
    }

    private async Task<FileEntry> WriteLocalAsync(string path, string text)
    {
        var version = await fixture.StoreVersionAsync(text);
        var stamp = fixture.Clock.Next();
        var entry = new FileEntry(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp);
        var commit = await fixture.Tree.CommitAsync([new TreeChange(path, entry)]);
        Assert.Equal(CommitStatus.Ok, commit.Status);
        return entry;
    }

    private PeerRecord Peer(string dir) => new(78, Remote.BaseUrl.ToString().TrimEnd('/'), null, [dir + "/**"]);

    private PeerPuller Puller() => new(
        new PlainHttpClientFactory(), fixture.Cluster.Client, fixture.ObjectStore, fixture.TreeStore, new PathRules(), fixture.Clock, new FixedTokenSource(), Options.Create(new PeerOptions()), NullLogger<PeerPuller>.Instance);

    private async Task<string> ReadLocalAsync(string path)
    {
        var entry = await fixture.Tree.GetAsync(path);
        Assert.NotNull(entry);
        var version = (await fixture.ObjectStore.GetFileVersionAsync(entry.Hash))!;
        var content = new MemoryStream();
        var buffer = new byte[256 * 1024];
        foreach (var chunk in version.ChunkHashes)
        {
            var length = await fixture.ObjectStore.ReadAsync(Convert.FromHexString(chunk), buffer);
            content.Write(buffer, 0, length);
        }

        return Encoding.UTF8.GetString(content.ToArray());
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class FixedTokenSource : IPeerTokenSource
    {
        public ValueTask<string> GetPeerTokenAsync(string peerAddress, CancellationToken cancellationToken = default) => ValueTask.FromResult("unused-with-auth-disabled");
    }
}

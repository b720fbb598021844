using System.Text;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Xunit;

namespace AeorDb.Tests.Grains.Conflicts;

/// <summary>
/// The conflict registry acts only on records the merge engine could have written: a record that names a system
/// path, another path than its location, or malformed fields is ignored, and a kept loser that is not the record's
/// loser is never applied. Records are committed straight to the tree, as a hostile peer's would arrive by sync.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ConflictGrainValidationTests(GrainClusterFixture fixture)
{
    private IConflictGrain Conflicts => fixture.Cluster.Client.GetGrain<IConflictGrain>(0);

    [Fact]
    public async Task Resolve_RecordForSystemPath_RefusedAndNothingWritten()
    {
        const string target = "/.aeordb-system/config/jwt_signing_key";
        var attacker = await fixture.StoreVersionAsync("attacker seed " + Guid.NewGuid());
        await CommitRecordAsync(target, Record(target, "ConcurrentModify", attacker.Hash, Side(attacker.Hash)));

        Assert.False(await Conflicts.ResolveAsync(target, pickLoser: false));
        Assert.Null(await Conflicts.GetAsync(target));
        Assert.DoesNotContain(await Conflicts.ListAsync(), r => r.Path == target);
        Assert.Null(await fixture.Tree.GetAsync(target));
    }

    [Fact]
    public async Task Resolve_RecordNamingAnotherPath_Ignored()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var winner = await fixture.StoreVersionAsync("w");
        await CommitRecordAsync(dir + "/a.txt", Record(dir + "/b.txt", "ConcurrentModify", winner.Hash, Side(winner.Hash)));

        Assert.Null(await Conflicts.GetAsync(dir + "/a.txt"));
        Assert.False(await Conflicts.ResolveAsync(dir + "/a.txt", pickLoser: false));
        Assert.False(await Conflicts.ResolveAsync(dir + "/b.txt", pickLoser: false));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/a.txt"));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/b.txt"));
    }

    [Theory]
    [InlineData("Whatever", "winner", true, false)]
    [InlineData("ConcurrentModify", "loser", true, false)]
    [InlineData("ConcurrentModify", "winner", false, false)]
    [InlineData("ConcurrentModify", "winner", true, true)]
    public async Task Get_MalformedRecord_Ignored(string type, string autoWinner, bool winnerIsVersion, bool loserEmpty)
    {
        var dir = GrainClusterFixture.NewDirectory();
        var winner = await fixture.StoreVersionAsync("w");
        var winnerHash = winnerIsVersion ? winner.Hash : "not-a-version";
        var record = Record(dir + "/x.txt", type, winnerHash, loserEmpty ? ConflictSide.Deleted : Side(winner.Hash)) with { AutoWinner = autoWinner };
        await CommitRecordAsync(dir + "/x.txt", record);

        Assert.Null(await Conflicts.GetAsync(dir + "/x.txt"));
        Assert.False(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: false));
        Assert.Null(await fixture.Tree.GetAsync(dir + "/x.txt"));
    }

    [Fact]
    public async Task Resolve_ConsistentRecord_WritesThePickedLoserAtThePath()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var winner = await fixture.StoreVersionAsync("winner");
        var loser = await fixture.StoreVersionAsync("loser");
        await CommitAsync(Change(dir + "/x.txt", winner));
        await CommitRecordAsync(dir + "/x.txt", Record(dir + "/x.txt", "ConcurrentModify", winner.Hash, Side(loser.Hash)), loser);

        Assert.NotNull(await Conflicts.GetAsync(dir + "/x.txt"));
        Assert.True(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: true));
        Assert.Equal(loser.Hash, (await fixture.Tree.GetAsync(dir + "/x.txt"))?.Hash);
        Assert.Null(await Conflicts.GetAsync(dir + "/x.txt"));
    }

    [Fact]
    public async Task Resolve_WinnerThePathNeverHeld_Refused()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var current = await fixture.StoreVersionAsync("current");
        var foreign = await fixture.StoreVersionAsync("someone else's private file");
        await CommitAsync(Change(dir + "/x.txt", current));
        await CommitRecordAsync(dir + "/x.txt", Record(dir + "/x.txt", "ModifyDelete", foreign.Hash, ConflictSide.Deleted));

        Assert.False(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: false));
        Assert.Equal(current.Hash, (await fixture.Tree.GetAsync(dir + "/x.txt"))?.Hash);
    }

    [Fact]
    public async Task Resolve_KeptLoserNotTheRecordsLoser_Refused()
    {
        var dir = GrainClusterFixture.NewDirectory();
        var winner = await fixture.StoreVersionAsync("winner");
        var named = await fixture.StoreVersionAsync("named loser");
        var kept = await fixture.StoreVersionAsync("something else");
        await CommitAsync(Change(dir + "/x.txt", winner));
        await CommitRecordAsync(dir + "/x.txt", Record(dir + "/x.txt", "ConcurrentModify", winner.Hash, Side(named.Hash)), kept);

        Assert.False(await Conflicts.ResolveAsync(dir + "/x.txt", pickLoser: true));
        Assert.Equal(winner.Hash, (await fixture.Tree.GetAsync(dir + "/x.txt"))?.Hash);
    }

    private static ConflictRecord Record(string path, string type, string winnerHash, ConflictSide loser) =>
        new(path, type, "winner", 2, new ConflictSide(winnerHash, 2, 1, 1, "text/plain"), loser);

    private static ConflictSide Side(string hash) => new(hash, 1, 2, 1, "text/plain");

    /// <summary>Commits <paramref name="record"/> as the record stored for <paramref name="storedFor"/>, and a kept loser when given.</summary>
    private async Task CommitRecordAsync(string storedFor, ConflictRecord record, FileVersion? keptLoser = null)
    {
        var json = $$"""{"path":"{{record.Path}}","conflict_type":"{{record.ConflictType}}","auto_winner":"{{record.AutoWinner}}","created_at":{{record.CreatedAt}},"winner":{{SideJson(record.Winner)}},"loser":{{SideJson(record.Loser)}}}""";
        var version = await fixture.ObjectStore.PutSmallFileAsync(Encoding.UTF8.GetBytes(json), "application/json", system: false);
        var changes = new List<TreeChange> { Change("/.aeordb-conflicts" + storedFor + "/.meta", version) };
        if (keptLoser is not null)
        {
            changes.Add(Change("/.aeordb-conflicts" + storedFor + "/.loser", keptLoser));
        }

        await CommitAsync([.. changes]);
    }

    private async Task CommitAsync(params TreeChange[] changes)
    {
        var commit = await fixture.Tree.CommitAsync(changes);
        Assert.Equal(CommitStatus.Ok, commit.Status);
    }

    private TreeChange Change(string path, FileVersion version)
    {
        var stamp = fixture.Clock.Next();
        return new TreeChange(path, new FileEntry(path, EntryKind.File, version.Hash, version.Size, version.ContentType, null, stamp.VirtualTime, stamp.VirtualTime, stamp));
    }

    private static string SideJson(ConflictSide side) =>
        $$"""{"hash":"{{side.Hash}}","virtual_time":{{side.VirtualTime}},"node_id":{{side.NodeId}},"size":{{side.Size}},"content_type":{{(side.ContentType is null ? "null" : "\"" + side.ContentType + "\"")}}}""";
}

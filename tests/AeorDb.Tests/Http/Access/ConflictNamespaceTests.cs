using System.Net;
using System.Text;
using AeorDb.Tests.Http.Sync;
using AeorDb.Tests.TestSupport;
using Xunit;

namespace AeorDb.Tests.Http.Access;

/// <summary>
/// <c>/.aeordb-conflicts/</c> is written only by the merge engine: every user write there is refused, root's
/// included, so no caller can forge the record a resolution acts on; and a resolution never writes a system path.
/// </summary>
public sealed class ConflictNamespaceTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IAsyncLifetime
{
    private const string SigningKeyPath = "/.aeordb-system/config/jwt_signing_key";
    private const string RefusalStart = "Conflict records under /.aeordb-conflicts/ are written only by sync";

    private static readonly string ForgedRecord =
        $$$"""{"path":"{{{SigningKeyPath}}}","conflict_type":"ConcurrentModify","auto_winner":"winner","created_at":1,"winner":{"hash":"{{{new string('a', 64)}}}","virtual_time":1,"node_id":1,"size":32,"content_type":null},"loser":{"hash":"","virtual_time":0,"node_id":0,"size":0,"content_type":null}}""";

    private ApiClient _root = null!;

    private AeorDbNode Node => fixture.Node;

    public async Task InitializeAsync() => _root = await Node.RootAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Put_RecordUnderConflicts_RootRefused403AndNothingStored()
    {
        var meta = $"/.aeordb-conflicts{SigningKeyPath}/.meta";

        using (var response = await _root.PutBytesAsync("/files" + meta, Encoding.UTF8.GetBytes(ForgedRecord), "application/json"))
        {
            await ExpectRefusedAsync(response);
        }

        using var check = await _root.GetAsync("/files" + meta);
        await Expect.ErrorAsync(check, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MergePatch_UnderConflicts_Refused403()
    {
        using var response = await _root.PatchJsonAsync("/files/.aeordb-conflicts/docs/x.txt/.meta", new { path = "/docs/x.txt" }, "application/merge-patch+json");

        await ExpectRefusedAsync(response);
    }

    [Fact]
    public async Task Rename_IntoOrOutOfConflicts_Refused403()
    {
        var source = TestPaths.Unique("forge") + "/record.json";
        await _root.PutTextAsync(source, ForgedRecord);

        using (var into = await _root.PatchJsonAsync("/files" + source, new { to = "/.aeordb-conflicts/docs/y.txt/.meta" }))
        {
            await ExpectRefusedAsync(into);
        }

        using var outOf = await _root.PatchJsonAsync("/files/.aeordb-conflicts/docs/y.txt/.meta", new { to = source + ".copy" });
        await ExpectRefusedAsync(outOf);
    }

    [Fact]
    public async Task DeleteAndLinks_UnderConflicts_Refused403()
    {
        using (var delete = await _root.DeleteAsync("/files/.aeordb-conflicts/docs/z.txt/.meta"))
        {
            await ExpectRefusedAsync(delete);
        }

        using (var link = await _root.PutJsonAsync("/links/.aeordb-conflicts/docs/z.txt/.loser", new { target = "/elsewhere" }))
        {
            await ExpectRefusedAsync(link);
        }

        using var unlink = await _root.DeleteAsync("/links/.aeordb-conflicts/docs/z.txt/.loser");
        await ExpectRefusedAsync(unlink);
    }

    [Fact]
    public async Task Resolve_SystemPath_Returns404AndSigningKeyUnchanged()
    {
        var seed = PeerTokens.ReadSigningSeed(Node);

        using (var response = await _root.PostJsonAsync("/sync/conflicts" + SigningKeyPath, new { pick = "winner" }))
        {
            await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
        }

        Assert.Equal(seed, PeerTokens.ReadSigningSeed(Node));
        using var list = await _root.GetAsync("/sync/conflicts");
        Assert.Empty((await Expect.JsonAsync(list, HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }

    private static async Task ExpectRefusedAsync(HttpResponseMessage response)
    {
        var body = await Expect.ErrorAsync(response, HttpStatusCode.Forbidden, code: "FORBIDDEN");
        Assert.StartsWith(RefusalStart, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Net;
using AeorDb.Tests.Http.Events;
using AeorDb.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace AeorDb.Tests.Http.ScaleOut;

/// <summary>
/// DESIGN "Two kinds of cluster", scale-out: two <c>aeordb</c> processes on one PostgreSQL database are one node.
/// Every silo serves the whole API over the same data; a silo killed with SIGKILL loses nothing, the other keeps
/// serving and writing once membership declares it dead, and the killed one rejoins on restart.
/// </summary>
public sealed class TwoSiloNodeTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TwoSilos_KillFirst_SecondServesEveryFileAndWrites_FirstRejoins()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var silo1 = await ScaleOutSilos.StartAsync(database, first: true);
        await using var silo2 = await ScaleOutSilos.StartAsync(database, first: false);
        var token = await silo1.RootTokenAsync();
        var (root1, root2) = (silo1.WithToken(token), silo2.WithToken(token));

        // One node: the same id on both, and a write through either is read through the other.
        Assert.Equal(await ScaleOutSilos.NodeIdAsync(root1), await ScaleOutSilos.NodeIdAsync(root2));
        var files = Enumerable.Range(0, 12).ToDictionary(i => $"/scale/file-{i}.txt", i => $"content {i}");
        foreach (var (path, text) in files)
        {
            await root1.PutTextAsync(path, text);
        }

        foreach (var (path, text) in files)
        {
            Assert.True(await ScaleOutSilos.HasTextAsync(root2, path, text), $"{path} written through silo 1 is not readable through silo 2");
        }

        await root2.PutTextAsync("/scale/from-2.txt", "written through silo 2");
        Assert.True(await ScaleOutSilos.HasTextAsync(root1, "/scale/from-2.txt", "written through silo 2"));

        // A subscriber of silo 2's event stream hears of a write made through silo 1.
        using (var events = await SseStream.OpenAsync(silo2.Http, "/system/events", token))
        {
            await root1.PutTextAsync("/scale/announced.txt", "announced on every silo");
            var frame = await events.NextMatchingAsync(
                f => f.Event == "entries_created" && f.Paths.Contains("/scale/announced.txt"),
                ScaleOutSilos.Deadline);
            Assert.Equal("file", frame.Payload.GetProperty("entries")[0].GetProperty("entry_type").GetString());
        }

        files["/scale/announced.txt"] = "announced on every silo";

        // SIGKILL silo 1: silo 2 accepts writes again within the shrunk membership timeout and serves every file.
        await silo1.KillAsync();
        var clock = Stopwatch.StartNew();
        Assert.True(
            await Poll.UntilAsync(() => ScaleOutSilos.TryPutAsync(root2, "/scale/after-kill.txt", "written after the kill"), ScaleOutSilos.Deadline),
            "Silo 2 never accepted a write after silo 1 was killed:\n" + silo2.Output.StderrText);
        output.WriteLine($"First write through silo 2 accepted {clock.ElapsedMilliseconds} ms after SIGKILL of silo 1");
        files["/scale/after-kill.txt"] = "written after the kill";
        files["/scale/from-2.txt"] = "written through silo 2";
        foreach (var (path, text) in files)
        {
            Assert.True(
                await Poll.UntilAsync(() => ScaleOutSilos.HasTextAsync(root2, path, text), ScaleOutSilos.Deadline),
                $"{path} is not readable through silo 2 after silo 1 was killed");
        }

        // Restarted, silo 1 rejoins: it prints no new root key, serves what silo 2 wrote, and its writes reach silo 2.
        await silo1.RestartAsync();
        Assert.Null(AeorDbNode.FindPrintedKey(silo1.Output));
        foreach (var (path, text) in files)
        {
            Assert.True(await ScaleOutSilos.HasTextAsync(root1, path, text), $"{path} is not readable through the restarted silo 1");
        }

        await root1.PutTextAsync("/scale/after-rejoin.txt", "written through the rejoined silo 1");
        Assert.True(await ScaleOutSilos.HasTextAsync(root2, "/scale/after-rejoin.txt", "written through the rejoined silo 1"));
        Assert.Equal(await ScaleOutSilos.NodeIdAsync(root1), await ScaleOutSilos.NodeIdAsync(root2));
    }

    [PostgresFact]
    public async Task ConcurrentFirstStart_TwoSilos_OneNodeIdOneRootKeyOneSigningKey()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        var starts = new[] { ScaleOutSilos.StartAsync(database, first: false), ScaleOutSilos.StartAsync(database, first: false) };
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }

            throw;
        }

        await using var silo1 = starts[0].Result;
        await using var silo2 = starts[1].Result;

        // Exactly one of them made (and printed) the root key; it works through both, so both sign with one key.
        var printed = new[] { AeorDbNode.FindPrintedKey(silo1.Output), AeorDbNode.FindPrintedKey(silo2.Output) };
        var rootKey = Assert.Single(printed, key => key is not null)!;
        var token = (await silo2.MintTokenAsync(rootKey)).GetProperty("token").GetString()!;
        var (root1, root2) = (silo1.WithToken(token), silo2.WithToken(token));

        // One node id, one key record.
        Assert.Equal(await ScaleOutSilos.NodeIdAsync(root1), await ScaleOutSilos.NodeIdAsync(root2));
        var keys = await Expect.JsonAsync(await root1.GetAsync("/auth/keys/admin"), HttpStatusCode.OK);
        Assert.Single(keys.GetProperty("items").EnumerateArray());
    }
}

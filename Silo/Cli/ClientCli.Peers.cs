using System.Text.Json;

namespace AeorDb.Silo.Cli;

internal static partial class ClientCli
{
    private static async Task PeersListAsync(CliContext context, CancellationToken cancellationToken)
    {
        var body = await context.GetAsync("/sync/peers", cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        var items = body.GetProperty("items");
        if (items.GetArrayLength() == 0)
        {
            context.Out.WriteLine("No peers.");
            return;
        }

        WritePeers(context.Out, items);
    }

    private static async Task PeersAddAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var request = new
        {
            address = context.Parsed.GetValue(s.PeerAddress),
            label = context.Parsed.GetValue(s.Label),
            sync_paths = context.Parsed.GetValue(s.SyncPaths) is { Length: > 0 } paths ? paths : null,
        };
        var peer = await context.PostAsync("/sync/peers", request, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(peer);
            return;
        }

        context.Out.WriteLine($"Added peer {CliFormat.Text(peer, "node_id")} at {CliFormat.Text(peer, "address")} ({CliFormat.Text(peer, "state")}).");
    }

    private static async Task PeersRemoveAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var id = context.Parsed.GetValue(s.PeerId);
        var body = await context.DeleteAsync($"/sync/peers/{id}", cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        context.Out.WriteLine($"Removed peer {id}.");
    }

    /// <summary><c>aeordb sync trigger</c>: exits 1 when a peer's pull failed, after printing every result.</summary>
    private static async Task SyncTriggerAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var path = context.Parsed.GetValue(s.ForceActivate) ? "/sync/trigger?force_activate=true" : "/sync/trigger";
        var body = await context.PostAsync(path, null, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
        }
        else
        {
            WriteTrigger(context.Out, body);
        }

        if (body.GetProperty("peers_failed").GetInt32() > 0)
        {
            throw new CliException(CliExitCodes.Failed, $"{body.GetProperty("peers_failed").GetInt32()} peer(s) failed to sync");
        }
    }

    private static void WriteTrigger(TextWriter output, JsonElement body)
    {
        output.WriteLine($"Synced {body.GetProperty("peers_synced")}, failed {body.GetProperty("peers_failed")}, skipped {body.GetProperty("peers_skipped")}.");
        var rows = body.GetProperty("results").GetArrayLength() + body.GetProperty("skipped").GetArrayLength();
        if (rows == 0)
        {
            return;
        }

        var table = new TextTable("NODE ID", "RESULT", "OPERATIONS", "CONFLICTS", "DETAIL");
        foreach (var result in body.GetProperty("results").EnumerateArray())
        {
            var ok = result.GetProperty("ok").GetBoolean();
            table.Add(
                CliFormat.Text(result, "node_id"),
                ok ? "ok" : "failed",
                ok ? CliFormat.Text(result, "operations_applied") : "-",
                ok ? CliFormat.Text(result, "conflicts_detected") : "-",
                ok ? string.Empty : CliFormat.Text(result, "error"));
        }

        foreach (var skipped in body.GetProperty("skipped").EnumerateArray())
        {
            table.Add(CliFormat.Text(skipped, "node_id"), "skipped", "-", "-", $"{CliFormat.Text(skipped, "state")}: {CliFormat.Text(skipped, "reason")}");
        }

        output.WriteLine();
        table.WriteTo(output);
    }
}

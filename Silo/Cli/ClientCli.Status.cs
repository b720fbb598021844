using System.Globalization;
using System.Text.Json;

namespace AeorDb.Silo.Cli;

internal static partial class ClientCli
{
    /// <summary><c>aeordb status</c>: <c>GET /system/node</c> and <c>GET /sync/status</c>.</summary>
    private static async Task StatusAsync(CliContext context, CancellationToken cancellationToken)
    {
        var node = await context.GetAsync("/system/node", cancellationToken).ConfigureAwait(false);
        var sync = await context.GetAsync("/sync/status", cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(new { node, sync });
            return;
        }

        var storage = node.GetProperty("storage");
        var database = storage.GetProperty("database_bytes") is { ValueKind: JsonValueKind.Number } bytes
            ? $"{CliFormat.Bytes(bytes.GetInt64())} ({CliFormat.Text(storage, "backend")})"
            : CliFormat.Text(storage, "backend");
        var disk = string.Create(CultureInfo.InvariantCulture,
            $"{storage.GetProperty("disk_used_ratio").GetDouble() * 100:0}% used, {CliFormat.Bytes(storage.GetProperty("disk_available_bytes").GetInt64())} free");
        var table = new TextTable("Node", CliFormat.Text(node, "node_id"));
        table.Add("Version", CliFormat.Text(node, "version"));
        table.Add("Uptime", CliFormat.Duration(node.GetProperty("uptime_ms").GetInt64()));
        table.Add("Database", database);
        table.Add("Disk", disk);
        table.Add("Peers", CliFormat.Text(sync, "peer_count"));
        table.WriteTo(context.Out);
        var peers = sync.GetProperty("peers");
        if (peers.GetArrayLength() > 0)
        {
            context.Out.WriteLine();
            WritePeers(context.Out, peers);
        }
    }

    /// <summary>The peer table of <c>status</c> and <c>peers list</c>.</summary>
    private static void WritePeers(TextWriter output, JsonElement peers)
    {
        var table = new TextTable("NODE ID", "ADDRESS", "LABEL", "STATE", "LAST SYNC", "FAILURES", "LAST ERROR");
        foreach (var peer in peers.EnumerateArray())
        {
            var status = peer.GetProperty("sync_status");
            table.Add(
                CliFormat.Text(peer, "node_id"),
                CliFormat.Text(peer, "address"),
                CliFormat.Text(peer, "label"),
                CliFormat.Text(peer, "state"),
                CliFormat.Time(peer.GetProperty("last_sync_at")),
                $"{CliFormat.Text(status, "consecutive_failures")}/{CliFormat.Text(status, "total_failures")}",
                CliFormat.Text(status, "last_error"));
        }

        table.WriteTo(output);
    }
}

using System.Text.Json;

namespace AeorDb.Silo.Cli;

internal static partial class ClientCli
{
    private static async Task ConflictsListAsync(CliContext context, CancellationToken cancellationToken)
    {
        var body = await context.GetAsync("/sync/conflicts", cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        var items = body.GetProperty("items");
        if (items.GetArrayLength() == 0)
        {
            context.Out.WriteLine("No conflicts.");
            return;
        }

        var table = new TextTable("PATH", "TYPE", "WINNER", "LOSER", "DETECTED");
        foreach (var conflict in items.EnumerateArray())
        {
            table.Add(
                CliFormat.Text(conflict, "path"),
                CliFormat.Text(conflict, "conflict_type"),
                Side(conflict.GetProperty("winner")),
                Side(conflict.GetProperty("loser")),
                CliFormat.Time(conflict.GetProperty("created_at")));
        }

        table.WriteTo(context.Out);
    }

    private static async Task ConflictsResolveAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var path = context.Parsed.GetValue(s.ConflictPath)!;
        var pick = context.Parsed.GetValue(s.Pick)!;
        var body = await context.PostAsync("/sync/conflicts" + CliContext.EncodePath(path), new { pick }, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        context.Out.WriteLine($"Resolved {CliFormat.Text(body, "path")}: kept the {CliFormat.Text(body, "pick")}.");
    }

    private static async Task ConflictsDismissAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var path = context.Parsed.GetValue(s.ConflictPath)!;
        var body = await context.PostAsync("/sync/dismiss" + CliContext.EncodePath(path), null, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        context.Out.WriteLine($"Dismissed the conflict on {CliFormat.Text(body, "path")}.");
    }

    /// <summary>One side as <c>node 12, 3.0 KiB, 2026-01-02 10:00:00</c>, or <c>deleted (node 12)</c>.</summary>
    private static string Side(JsonElement side) =>
        CliFormat.Text(side, "hash") is "" or "-"
            ? $"deleted (node {CliFormat.Text(side, "node_id")})"
            : $"node {CliFormat.Text(side, "node_id")}, {CliFormat.Bytes(side.GetProperty("size").GetInt64())}, {CliFormat.Time(side.GetProperty("virtual_time"))}";
}

namespace AeorDb.Silo.Cli;

internal static partial class ClientCli
{
    /// <summary><c>aeordb keys create</c>: <c>POST /auth/keys</c>; the key itself is printed once, on stdout.</summary>
    private static async Task KeysCreateAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var rules = context.Parsed.GetValue(s.Rules) is { Length: > 0 } given ? given.Select(ParseRule).ToArray() : null;
        var request = new
        {
            label = context.Parsed.GetValue(s.Label),
            expires_in_days = context.Parsed.GetValue(s.ExpiresInDays),
            rules,
            user_id = context.Parsed.GetValue(s.UserId),
        };
        var key = await context.PostAsync("/auth/keys", request, cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(key);
            return;
        }

        var table = new TextTable("Key id", CliFormat.Text(key, "key_id"));
        table.Add("User", CliFormat.Text(key, "user_id"));
        table.Add("Label", CliFormat.Text(key, "label"));
        table.Add("Expires", CliFormat.Time(key.GetProperty("expires_at")));
        table.Add("Rules", Rules(key));
        table.Add("Key", CliFormat.Text(key, "key"));
        table.WriteTo(context.Out);
        context.Out.WriteLine();
        context.Out.WriteLine("The key is shown once; save it now.");
    }

    /// <summary><c>aeordb keys list [--all]</c>: the caller's keys (a bare array), or with <c>--all</c> everyone's (<c>{"items"}</c>).</summary>
    private static async Task KeysListAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var all = context.Parsed.GetValue(s.AllKeys);
        var body = await context.GetAsync(all ? "/auth/keys/admin" : "/auth/keys", cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        var table = new TextTable("KEY ID", "USER", "LABEL", "CREATED", "EXPIRES", "REVOKED", "RULES");
        foreach (var key in (all ? body.GetProperty("items") : body).EnumerateArray())
        {
            table.Add(
                CliFormat.Text(key, "key_id"),
                CliFormat.Text(key, "username"),
                CliFormat.Text(key, "label"),
                CliFormat.Text(key, "created_at"),
                CliFormat.Time(key.GetProperty("expires_at")),
                key.GetProperty("is_revoked").GetBoolean() ? "yes" : "no",
                Rules(key));
        }

        table.WriteTo(context.Out);
    }

    private static async Task KeysRevokeAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var id = context.Parsed.GetValue(s.KeyId)!;
        if (!Guid.TryParse(id, out _))
        {
            throw CliException.Usage($"key-id must be a UUID, got '{id}'");
        }

        var body = await context.DeleteAsync("/auth/keys/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        context.Out.WriteLine($"Revoked key {CliFormat.Text(body, "key_id")}.");
    }

    /// <summary><c>aeordb gc [--dry-run]</c>: <c>POST /admin/gc[?dry_run=true]</c> (root only).</summary>
    private static async Task GcAsync(CliContext context, Symbols s, CancellationToken cancellationToken)
    {
        var dryRun = context.Parsed.GetValue(s.DryRun);
        System.Text.Json.JsonElement body;
        try
        {
            body = await context.PostAsync(dryRun ? "/admin/gc?dry_run=true" : "/admin/gc", null, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException exception) when (exception.Status == System.Net.HttpStatusCode.NotFound)
        {
            throw new CliException(CliExitCodes.Failed, "this node has no garbage collector (POST /admin/gc answered 404); upgrade it", exception.Status);
        }

        if (context.Json)
        {
            context.WriteJson(body);
            return;
        }

        var verb = body.TryGetProperty("dry_run", out var dry) && dry.GetBoolean() ? "would reclaim" : "reclaimed";
        context.Out.WriteLine(
            $"Scanned {CliFormat.Text(body, "versions_scanned")} versions: {CliFormat.Text(body, "live_entries")} live, " +
            $"{CliFormat.Text(body, "garbage_entries")} garbage; {verb} {CliFormat.Bytes(body.GetProperty("reclaimed_bytes").GetInt64())} " +
            $"in {CliFormat.Text(body, "duration_ms")} ms.");
    }

    /// <summary><c>GLOB=FLAGS</c> (split at the last '=') into the contract's single-entry rule object.</summary>
    private static Dictionary<string, string> ParseRule(string rule)
    {
        var at = rule.LastIndexOf('=');
        if (at <= 0 || at == rule.Length - 1)
        {
            throw CliException.Usage($"--rule must be GLOB=FLAGS (e.g. '/docs/**=-r--l---'), got '{rule}'");
        }

        return new Dictionary<string, string> { [rule[..at]] = rule[(at + 1)..] };
    }

    private static string Rules(System.Text.Json.JsonElement key) =>
        key.TryGetProperty("rules", out var rules) && rules.ValueKind == System.Text.Json.JsonValueKind.Array && rules.GetArrayLength() > 0
            ? string.Join(", ", rules.EnumerateArray().Select(r => $"{CliFormat.Text(r, "glob")}={CliFormat.Text(r, "permitted")}"))
            : "-";
}

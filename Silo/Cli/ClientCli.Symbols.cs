using System.CommandLine;

namespace AeorDb.Silo.Cli;

internal static partial class ClientCli
{
    /// <summary>A command's work once the node is connected.</summary>
    private delegate Task Handler(CliContext context, CancellationToken cancellationToken);

    /// <summary>The client command tree, its shared options and the handler of each leaf command.</summary>
    private sealed class Symbols
    {
        public static readonly string[] CommandNames = ["status", "peers", "sync", "conflicts", "keys", "gc"];

        private const string DefaultUrl = "http://localhost:6830";

        private readonly Func<string, string?> _environment;

        public Symbols(Func<string, string?> environment)
        {
            _environment = environment;
            Url = new Option<string>("--url") { Description = $"Base URL of the node (default: ${UrlVariable}, else {DefaultUrl})", Recursive = true };
            Commands =
            [
                Leaf(new Command("status", "Show the node's id, version, uptime, storage and peers"), StatusAsync),
                new Command("peers", "List, add or remove replication peers")
                {
                    Leaf(new Command("list", "List peers with their state, last sync and errors"), PeersListAsync),
                    Leaf(new Command("add", "Add a peer by its base URL") { PeerAddress, Label, SyncPaths }, (c, ct) => PeersAddAsync(c, this, ct)),
                    Leaf(new Command("remove", "Remove a peer") { PeerId }, (c, ct) => PeersRemoveAsync(c, this, ct)),
                },
                new Command("sync", "Run replication")
                {
                    Leaf(new Command("trigger", "Pull from every active peer now") { ForceActivate }, (c, ct) => SyncTriggerAsync(c, this, ct)),
                },
                new Command("conflicts", "List, resolve or dismiss sync conflicts")
                {
                    Leaf(new Command("list", "List open conflicts with both sides"), ConflictsListAsync),
                    Leaf(new Command("resolve", "Keep one side of a conflict") { ConflictPath, Pick }, (c, ct) => ConflictsResolveAsync(c, this, ct)),
                    Leaf(new Command("dismiss", "Close a conflict, keeping the current file") { ConflictPath }, (c, ct) => ConflictsDismissAsync(c, this, ct)),
                },
                new Command("keys", "Create, list or revoke API keys")
                {
                    Leaf(new Command("create", "Create an API key for yourself (or, as root, for --user-id)") { Label, ExpiresInDays, Rules, UserId }, (c, ct) => KeysCreateAsync(c, this, ct)),
                    Leaf(new Command("list", "List your API keys (root with --all: everyone's)") { AllKeys }, (c, ct) => KeysListAsync(c, this, ct)),
                    Leaf(new Command("revoke", "Revoke an API key") { KeyId }, (c, ct) => KeysRevokeAsync(c, this, ct)),
                },
                Leaf(new Command("gc", "Collect garbage: delete objects no version refers to") { DryRun }, (c, ct) => GcAsync(c, this, ct)),
            ];

            // Recursive: every subcommand (peers add, keys list, ...) takes them too.
            foreach (var command in Commands)
            {
                command.Options.Add(Url);
                command.Options.Add(ApiKeyFile);
                command.Options.Add(Json);
            }
        }

        public List<Command> Commands { get; }

        public Dictionary<Command, Handler> Handlers { get; } = [];

        public Option<string> Url { get; }

        public Option<string?> ApiKeyFile { get; } = new("--api-key-file") { Description = $"File holding the API key (default: ${ApiKeyVariable})", Recursive = true };

        public Option<bool> Json { get; } = new("--json") { Description = "Print the node's JSON instead of a table", Recursive = true };

        public Argument<string> PeerAddress { get; } = new("address") { Description = "The peer's base URL, e.g. http://node-b:6830" };

        public Option<string?> Label { get; } = new("--label") { Description = "A label to show next to it" };

        public Option<string[]> SyncPaths { get; } = new("--sync-path") { Description = "Pull only paths matching this glob (repeatable)", AllowMultipleArgumentsPerToken = false };

        public Argument<ulong> PeerId { get; } = new("node-id") { Description = "The peer's node id (from 'aeordb peers list')" };

        public Option<bool> ForceActivate { get; } = new("--force-activate") { Description = "Activate peers still in their honeymoon first" };

        public Argument<string> ConflictPath { get; } = new("path") { Description = "The conflicted file's path, e.g. /docs/plan.txt" };

        public Option<string> Pick { get; } = CreatePick();

        public Option<string?> UserId { get; } = new("--user-id") { Description = "Root only: create the key for this user" };

        public Option<int?> ExpiresInDays { get; } = new("--expires-in-days") { Description = "Lifetime in days (1-3650; default 730)" };

        public Option<string[]> Rules { get; } = new("--rule") { Description = "A path rule GLOB=FLAGS, e.g. '/docs/**=-r--l---' (repeatable; first match wins)" };

        public Option<bool> AllKeys { get; } = new("--all") { Description = "Root only: every user's keys (GET /auth/keys/admin)" };

        public Argument<string> KeyId { get; } = new("key-id") { Description = "The key's id (from 'aeordb keys list')" };

        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Report what would be reclaimed without deleting" };

        /// <summary>The node client for <paramref name="result"/>'s <c>--url</c> and key.</summary>
        public NodeClient Connect(ParseResult result)
        {
            var url = result.GetValue(Url) ?? _environment(UrlVariable) ?? DefaultUrl;
            if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw CliException.Usage($"--url must be an http:// or https:// URL, got '{url}'");
            }

            return new NodeClient(new HttpClient { Timeout = TimeSpan.FromSeconds(100) }, baseUrl, ReadKey(result));
        }

        private string? ReadKey(ParseResult result)
        {
            if (result.GetValue(ApiKeyFile) is { } file)
            {
                string key;
                try
                {
                    key = File.ReadAllText(file).Trim();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw CliException.Usage($"cannot read --api-key-file {file}: {exception.Message}");
                }

                return key.Length > 0 ? key : throw CliException.Usage($"--api-key-file {file} is empty");
            }

            return _environment(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null;
        }

        private Command Leaf(Command command, Func<CliContext, CancellationToken, Task> handler)
        {
            Handlers[command] = (context, cancellationToken) => handler(context, cancellationToken);
            return command;
        }

        private static Option<string> CreatePick()
        {
            var pick = new Option<string>("--pick") { Description = "winner (default) or loser", DefaultValueFactory = _ => "winner" };
            pick.AcceptOnlyFromAmong("winner", "loser");
            return pick;
        }
    }
}

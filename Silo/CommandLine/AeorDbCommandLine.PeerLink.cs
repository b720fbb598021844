using System.CommandLine;
using AeorDb.Api.Sync.Identity;

namespace AeorDb.Silo.CommandLine;

/// <summary>The flags of <see cref="PeerLinkOptions"/>, the peer address check of <c>--peers</c> and <c>--join</c>, and where the join token comes from.</summary>
internal static partial class AeorDbCommandLine
{
    /// <summary>Env var holding the join token when neither <c>--join-token</c> nor <c>--join-token-file</c> is given (keeps it out of the process list).</summary>
    public const string JoinTokenVariable = "AEORDB_JOIN_TOKEN";

    private static PeerLinkOptions BuildPeerLink(ParseResult result, Symbols s, ConfigFile file, string home)
    {
        var caFile = Pick(result, s.PeerCaFile, file.PeerCaFile);
        var allowFlag = result.GetResult(s.AllowInsecurePeers) is { Implicit: false };
        return new PeerLinkOptions
        {
            PeerCaFile = caFile is null ? null : ExpandHome(caFile, home),
            ClockOffset = TimeSpan.FromMilliseconds(result.GetValue(s.ClockOffsetMs)),
            AllowInsecurePeers = allowFlag ? result.GetValue(s.AllowInsecurePeers) : file.AllowInsecurePeers ?? false,
        };
    }

    /// <summary>Refuses (exit 2) a <c>--peers</c> or <c>--join</c> address the peer address policy does not accept.</summary>
    private static void CheckPeerAddresses(IEnumerable<string> peers, string? join, PeerLinkOptions link)
    {
        foreach (var peer in peers)
        {
            if (PeerAddressPolicy.Problem(peer, link.AllowInsecurePeers) is { } problem)
            {
                throw new UsageException("--peers: " + problem);
            }
        }

        if (join is not null && PeerAddressPolicy.Problem(join, link.AllowInsecurePeers) is { } joinProblem)
        {
            throw new UsageException("--join: " + joinProblem);
        }
    }

    /// <summary>
    /// The join token: <c>--join-token</c>, else the first line of <c>--join-token-file</c>, else <c>AEORDB_JOIN_TOKEN</c>.
    /// Both flags at once is a usage error; an unreadable or empty file is a start error.
    /// </summary>
    private static string? ResolveJoinToken(ParseResult result, Symbols s, Func<string, string?> environment, string home)
    {
        var flag = result.GetValue(s.JoinToken);
        var path = result.GetValue(s.JoinTokenFile);
        if (flag is not null && path is not null)
        {
            throw new UsageException("give only one of --join-token and --join-token-file");
        }

        if (flag is not null)
        {
            return flag;
        }

        if (path is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(ExpandHome(path, home));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"cannot read --join-token-file {path}: {exception.Message}");
            }

            var token = text.Split('\n', 2)[0].Trim();
            return token.Length > 0 ? token : throw new FormatException($"--join-token-file {path} is empty");
        }

        return environment(JoinTokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null;
    }

    private sealed partial class Symbols
    {
        public Option<string?> PeerCaFile { get; } = new("--peer-ca-file")
        {
            Description = "PEM file of CA certificates trusted for https:// peer addresses, besides the system's",
        };

        public Option<bool> AllowInsecurePeers { get; } = new("--allow-insecure-peers")
        {
            Description = "Allow plain http:// peer addresses on non-loopback hosts (peer tokens and data then cross the network in clear)",
        };

        public Option<string?> JoinTokenFile { get; } = new("--join-token-file")
        {
            Description = $"File whose first line is the --join token (keeps it out of the process list); else ${JoinTokenVariable}",
        };

        public Option<long> ClockOffsetMs { get; } = new("--clock-offset-ms")
        {
            Description = "Testing only: shifts this node's clock as its heartbeats show it, in ms",
            Hidden = true,
            DefaultValueFactory = _ => 0,
        };

        private void AddPeerLinkOptions()
        {
            Start.Options.Add(PeerCaFile);
            Start.Options.Add(AllowInsecurePeers);
            Start.Options.Add(JoinTokenFile);
            Start.Options.Add(ClockOffsetMs);
        }
    }
}

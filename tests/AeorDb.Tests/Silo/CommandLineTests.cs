using AeorDb.Api;
using AeorDb.Silo.CommandLine;
using Xunit;

namespace AeorDb.Tests.Silo;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aeordb-cli-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Start_NoFlags_UsesContractDefaults()
    {
        var options = Start("start");

        Assert.Equal("data.aeordb", options.DatabasePath);
        Assert.Equal(6830, options.Port);
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(AuthMode.Self, options.AuthMode);
        Assert.Equal(LogFormat.Pretty, options.LogFormat);
        Assert.False(options.TlsEnabled);
        Assert.Empty(options.CorsOrigins);
        Assert.Equal(0, options.SiloPort);
        Assert.Equal(0, options.GatewayPort);
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath("data.aeordb")), options.HotDir);
    }

    [Fact]
    public void Start_AllFlags_AreStored()
    {
        var options = Start(
            "start", "-D", "/tmp/x/a.aeordb", "-p", "7001", "--host", "127.0.0.1", "--log-format", "json", "--hot-dir", "/tmp/hot",
            "--cors-origins", "http://a, http://b", "--jwt-expiry", "10", "--chunk-size", "4096", "--silo-port", "11111", "--gateway-port", "30001",
            "--peers", "http://p1,http://p2", "--allow-insecure-peers", "--join", "http://j", "--join-token", "aeor_k_x", "--advertise-url", "http://me", "--heartbeat-interval-ms", "50");

        Assert.Equal("/tmp/x/a.aeordb", options.DatabasePath);
        Assert.Equal(7001, options.Port);
        Assert.Equal(LogFormat.Json, options.LogFormat);
        Assert.Equal("/tmp/hot", options.HotDir);
        Assert.Equal(["http://a", "http://b"], options.CorsOrigins);
        Assert.Equal(10, options.JwtExpirySeconds);
        Assert.Equal(4096, options.ChunkSize);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30001, options.GatewayPort);
        Assert.Equal(["http://p1", "http://p2"], options.Peers);
        Assert.Equal("http://j", options.Join);
        Assert.Equal("aeor_k_x", options.JoinToken);
        Assert.Equal("http://me", options.AdvertiseUrl);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.HeartbeatInterval);
    }

    [Theory]
    [InlineData("start", "--bogus")]
    [InlineData("start", "-p", "abc")]
    [InlineData("start", "--log-format", "xml")]
    [InlineData("start", "--auth", "sometimes")]
    [InlineData("start", "extra")]
    [InlineData("stop")]
    [InlineData]
    public void Parse_BadOrUnknownFlag_ExitsTwoWithOneLine(params string[] args)
    {
        var outcome = Parse(args);

        Assert.Null(outcome.Options);
        Assert.Equal(2, outcome.ExitCode);
        Assert.NotNull(outcome.Error);
        Assert.DoesNotContain('\n', outcome.Error);
    }

    [Theory]
    [InlineData("start", "--host", "localhost")]
    [InlineData("start", "--host", "1")]
    [InlineData("start", "--tls-cert", "/tmp/cert.pem")]
    [InlineData("start", "--tls-key", "/tmp/key.pem")]
    [InlineData("start", "--join", "http://j")]
    [InlineData("start", "--auth", "disabled")]
    [InlineData("start", "-c", "/nonexistent/aeordb.toml")]
    [InlineData("start", "--heartbeat-interval-ms", "0")]
    public void Parse_StartError_ExitsOne(params string[] args)
    {
        var outcome = Parse(args);

        Assert.Null(outcome.Options);
        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain('\n', outcome.Error!);
    }

    [Fact]
    public void Parse_Version_PrintsVersionAndExitsZero()
    {
        var outcome = Parse("--version");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("9.8.7", outcome.Output);
        Assert.Equal("9.8.7", Parse("start", "--version").Output);
    }

    [Fact]
    public void Parse_Help_PrintsUsageAndExitsZero()
    {
        var outcome = Parse("start", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("--database", outcome.Output);
    }

    [Theory]
    [InlineData("self", AuthMode.Self)]
    [InlineData("./", AuthMode.Self)]
    [InlineData("SELF", AuthMode.Self)]
    [InlineData("disabled", AuthMode.Disabled)]
    [InlineData("False", AuthMode.Disabled)]
    [InlineData("null", AuthMode.Disabled)]
    [InlineData("NO", AuthMode.Disabled)]
    [InlineData("0", AuthMode.Disabled)]
    [InlineData("file:///etc/identity", AuthMode.File)]
    public void Auth_KnownValue_IsCaseInsensitive(string value, AuthMode expected)
    {
        var options = Start("start", "--host", "127.0.0.1", "--auth", value);

        Assert.Equal(expected, options.AuthMode);
    }

    [Fact]
    public void Auth_FileWithTilde_ExpandsHome()
    {
        var options = Start("start", "--auth", "file://~/id.json");

        Assert.Equal(Path.Combine(_home, "id.json"), options.IdentityFile);
    }

    [Fact]
    public void Auth_DisabledOnLoopback_Starts()
    {
        Assert.Equal(AuthMode.Disabled, Start("start", "--auth", "disabled", "--host", "::1").AuthMode);
    }

    [Fact]
    public void Auth_DisabledOnPublicHostWithOverride_Starts()
    {
        _environment[AeorDbCommandLine.AllowPublicBindVariable] = "1";

        Assert.Equal(AuthMode.Disabled, Start("start", "--auth", "disabled").AuthMode);
    }

    [Fact]
    public void Auth_NoFlag_UsesEnvironmentThenIdentityFileThenSelf()
    {
        Assert.Equal(AuthMode.Self, Start("start").AuthMode);

        var identity = Path.Combine(_home, ".aeordb-config", "aeordb", "identity");
        Directory.CreateDirectory(Path.GetDirectoryName(identity)!);
        File.WriteAllText(identity, "{}");
        var fromIdentity = Start("start");
        Assert.Equal(AuthMode.File, fromIdentity.AuthMode);
        Assert.Equal(identity, fromIdentity.IdentityFile);

        _environment[AeorDbCommandLine.AuthVariable] = "disabled";
        Assert.Equal(AuthMode.Disabled, Start("start", "--host", "127.0.0.1").AuthMode);
        Assert.Equal(AuthMode.Self, Start("start", "--host", "127.0.0.1", "--auth", "self").AuthMode);
    }

    [Fact]
    public void Auth_UnknownEnvironmentValue_ExitsTwo()
    {
        _environment[AeorDbCommandLine.AuthVariable] = "maybe";

        Assert.Equal(2, Parse("start").ExitCode);
    }

    [Fact]
    public void Config_Values_FillWhatFlagsLeaveOut()
    {
        var config = WriteConfig("""
            [server]
            port = 7100
            host = "127.0.0.1"
            log_format = "compact"
            tls.cert = "/tmp/c.pem"
            tls.key = "/tmp/k.pem"
            cors.origins = ["http://x", "http://y"]

            [auth]
            mode = "disabled"
            jwt_expiry_seconds = 60

            [storage]
            database = "/tmp/from-file.aeordb"
            chunk_size = 1024
            hot_dir = "/tmp/hot-from-file"
            """);

        var options = Start("start", "-c", config, "-p", "7200");

        Assert.Equal(7200, options.Port);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(LogFormat.Compact, options.LogFormat);
        Assert.Equal("/tmp/c.pem", options.TlsCertPath);
        Assert.Equal("/tmp/k.pem", options.TlsKeyPath);
        Assert.Equal(["http://x", "http://y"], options.CorsOrigins);
        Assert.Equal(AuthMode.Disabled, options.AuthMode);
        Assert.Equal(60, options.JwtExpirySeconds);
        Assert.Equal("/tmp/from-file.aeordb", options.DatabasePath);
        Assert.Equal(1024, options.ChunkSize);
        Assert.Equal("/tmp/hot-from-file", options.HotDir);
    }

    [Fact]
    public void Config_FlagGivenWithDefaultValue_StillWins()
    {
        var config = WriteConfig("[server]\nport = 7100\n");

        Assert.Equal(6830, Start("start", "-c", config, "--port", "6830").Port);
        Assert.Equal(7100, Start("start", "-c", config).Port);
    }

    [Theory]
    [InlineData("[server\nport = 1")]
    [InlineData("[server]\nport = \"high\"")]
    [InlineData("[auth]\nmode = \"sometimes\"")]
    [InlineData("[server]\nlog_format = \"xml\"")]
    [InlineData("server = 5")]
    public void Config_BadFile_ExitsOne(string text)
    {
        var outcome = Parse("start", "-c", WriteConfig(text));

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain('\n', outcome.Error!);
    }

    private NodeOptions Start(params string[] args)
    {
        var outcome = Parse(args);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options!;
    }

    private CommandLineOutcome Parse(params string[] args) =>
        AeorDbCommandLine.Parse(args, name => _environment.GetValueOrDefault(name), _home, "9.8.7");

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_home, $"config-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, text);
        return path;
    }
}

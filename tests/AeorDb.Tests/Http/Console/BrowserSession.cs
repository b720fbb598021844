using AeorDb.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AeorDb.Tests.Http.Console;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> package; Playwright's own browser download is never used)
/// driven through Playwright's bundled node driver, with a fresh profile per session. <see cref="RunAsync"/>
/// saves a screenshot when a test step fails and prints its path.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Set to a directory to save the README's console screenshots while the tests run.</summary>
    public const string ScreenshotsVariable = "AEORDB_CONSOLE_SCREENSHOTS";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly TempDirectory _profile;
    private readonly List<string> _cspViolations = [];

    private BrowserSession(IPlaywright playwright, IBrowserContext context, TempDirectory profile, IPage page)
    {
        _playwright = playwright;
        _context = context;
        _profile = profile;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_cspViolations)
                {
                    _cspViolations.Add(message.Text);
                }
            }
        };
        // The console asks before removing a peer or deleting a file; the tests answer yes.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
    }

    /// <summary>The browser executable: <c>$AEORDB_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("AEORDB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IPage Page { get; }

    /// <summary>Messages the browser logged for blocked content: the console must cause none under its own CSP.</summary>
    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_cspViolations)
            {
                return [.. _cspViolations];
            }
        }
    }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium package (.ci/test does) or set AEORDB_CHROMIUM.");
        }

        var profile = new TempDirectory();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArguments,
                AcceptDownloads = true,
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                Timeout = 60_000,
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            return new BrowserSession(playwright, context, profile, page);
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="test"/>; on failure saves a full-page screenshot, prints its path and rethrows with it.</summary>
    public async Task RunAsync(string name, ITestOutputHelper output, Func<IPage, Task> test)
    {
        try
        {
            await test(Page);
        }
        catch (Exception exception)
        {
            var path = Path.Combine(Path.GetTempPath(), "aeordb-console-failures", $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            }
            catch (PlaywrightException screenshotFailure)
            {
                path = $"(no screenshot: {screenshotFailure.Message})";
            }

            output.WriteLine($"Screenshot of the failed console test: {path}");
            System.Console.Error.WriteLine($"Screenshot of the failed console test {name}: {path}");
            throw new InvalidOperationException($"{exception.Message}\nScreenshot: {path}", exception);
        }
    }

    /// <summary>Saves a README screenshot named <paramref name="name"/> when <see cref="ScreenshotsVariable"/> is set.</summary>
    public async Task DocumentAsync(string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}

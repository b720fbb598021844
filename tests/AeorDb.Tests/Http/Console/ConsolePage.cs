using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AeorDb.Tests.Http.Console;

/// <summary>The console's page as a user sees it: log in, switch tabs, find rows (selectors of Api/Console/wwwroot/index.html).</summary>
internal static class ConsolePage
{
    /// <summary>Long enough for peers to settle on a loaded test machine.</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 90_000 };

    public static async Task LogInAsync(IPage page, Uri node, string apiKey)
    {
        await page.GotoAsync(new Uri(node, "/console").ToString());
        await page.FillAsync("#api-key", apiKey);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();
    }

    public static Task OpenTabAsync(IPage page, string tab) => page.ClickAsync($"#tabs button[data-tab={tab}]");

    public static ILocator PeerRow(IPage page, ulong nodeId) => page.Locator($"#peers tbody tr[data-node-id=\"{nodeId}\"]");

    public static ILocator FileRow(IPage page, string path) => page.Locator($"#files tbody tr[data-path=\"{path}\"]");

    public static ILocator Conflict(IPage page, string path) => page.Locator($"#conflicts article[data-path=\"{path}\"]");
}

using System.Globalization;
using System.Net;
using AeorDb.Tests.TestSupport;

namespace AeorDb.Tests.Http.Operations;

/// <summary>One scrape of <c>GET /metrics</c>: the samples of the Prometheus text format, by metric name and labels.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace >= 0 && brace < space ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = brace >= 0 && brace < space ? line[(brace + 1)..line.LastIndexOf('}')] : "";
            _samples.Add((name, labels, double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The raw text.</summary>
    public required string Text { get; init; }

    /// <summary>Every metric name sampled.</summary>
    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    /// <summary>Scrapes <paramref name="client"/>; fails unless it answers 200 with Prometheus text.</summary>
    public static async Task<PrometheusScrape> TakeAsync(ApiClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await Expect.StatusAsync(response, HttpStatusCode.OK);
        return new PrometheusScrape(text) { Text = text };
    }

    /// <summary>The sum of <paramref name="name"/>'s samples whose labels contain every one of <paramref name="labels"/> (<c>key="value"</c>); 0 when none.</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(label => s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

    /// <summary>Whether <paramref name="name"/> has a sample with all of <paramref name="labels"/>.</summary>
    public bool Has(string name, params string[] labels) =>
        _samples.Any(s => s.Name == name && labels.All(label => s.Labels.Contains(label, StringComparison.Ordinal)));
}

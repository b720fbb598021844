using System.Globalization;

namespace AeorDb.Bench.Cli;

/// <summary>
/// Minimal "--name value" reader shared by scenarios: each scenario declares its options with a
/// default and help line, unknown or malformed flags fail with one clear message (exit 2).
/// </summary>
internal sealed class ArgReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ArgReader(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                _values[arg[..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[arg] = args[++i];
            }
            else
            {
                _values[arg] = null;
            }
        }
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null || bool.Parse(value);
    }

    public string String(string name, string fallback)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new UsageException($"{name} needs a value") : fallback;
    }

    public string? OptionalString(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new UsageException($"{name} needs a value") : null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be an integer in [{min}, {max}], got '{text}'");
        }

        return value;
    }

    /// <summary>Fails on any flag no option consumed, so a typo never silently runs defaults.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(key => !_used.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option(s): {string.Join(", ", unknown)}");
        }
    }
}

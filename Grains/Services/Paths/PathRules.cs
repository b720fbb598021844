using System.Text;
using AeorDb.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace AeorDb.Grains.Services.Paths;

/// <summary>Canonical paths, reserved namespaces, globs and key rules (see <see cref="IPathRules"/>).</summary>
internal sealed partial class PathRules : IPathRules
{
    /// <summary>The root-level namespaces of CONTRACT §1.7 that /files, /links and /blobs never show.</summary>
    private static readonly string[] _hiddenRoots = ["/.aeordb-system", "/.aeordb-config"];

    private readonly GlobOptions _limits;
    private readonly GlobCache _globs;

    /// <summary>Path rules with the default glob limits.</summary>
    public PathRules()
        : this(Options.Create(new GlobOptions()))
    {
    }

    public PathRules(IOptions<GlobOptions> options)
    {
        _limits = options.Value;
        _globs = new GlobCache(_limits.CacheBytes, Compile);
    }

    /// <summary>The compiled-glob cache (its size is observable for tests and diagnostics).</summary>
    internal GlobCache Globs => _globs;

    public string Canonicalize(string raw)
    {
        if (IsCanonical(raw))
        {
            return raw;
        }

        var text = raw.Contains('\0') ? raw.Replace("\0", string.Empty) : raw;
        var segments = new List<string>();
        foreach (var segment in text.Trim().Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? "/" : "/" + string.Join('/', segments);
    }

    public bool IsHidden(string canonicalPath)
    {
        foreach (var root in _hiddenRoots)
        {
            if (canonicalPath.StartsWith(root, StringComparison.Ordinal)
                && (canonicalPath.Length == root.Length || canonicalPath[root.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsSystem(string canonicalPath) => IsHidden(canonicalPath);

    public string Parent(string canonicalPath)
    {
        var slash = canonicalPath.LastIndexOf('/');
        return slash <= 0 ? "/" : canonicalPath[..slash];
    }

    public string Name(string canonicalPath)
    {
        var slash = canonicalPath.LastIndexOf('/');
        return canonicalPath[(slash + 1)..];
    }

    public bool GlobMatches(string glob, string canonicalPath) =>
        _globs.Get(glob, out _)?.IsMatch(canonicalPath) ?? false;

    public string? ValidateGlob(string glob)
    {
        if (glob.Length == 0)
        {
            return "Rule glob pattern cannot be empty";
        }

        _globs.Get(glob, out var error);
        return error;
    }

    /// <summary>
    /// The one place a glob is compiled: the byte limit is checked before any work, so an oversized glob from any
    /// source (listing, key rule, sync filter) costs nothing to refuse.
    /// </summary>
    private (GlobPattern? Pattern, string? Error) Compile(string glob)
    {
        var bytes = Encoding.UTF8.GetByteCount(glob);
        if (bytes > _limits.MaxBytes)
        {
            return (null, $"Glob pattern too long: {bytes} bytes (max {_limits.MaxBytes})");
        }

        var pattern = GlobPattern.TryCompile(glob, _limits.MaxAlternatives, _limits.MaxExpandedLength, out var error);
        return (pattern, error);
    }

    /// <summary>
    /// True when <paramref name="path"/> is already what <see cref="Canonicalize"/> returns, so the
    /// common case allocates nothing: "/" or a leading slash, no NUL, no surrounding whitespace, and no
    /// empty, "." or ".." segment.
    /// </summary>
    private static bool IsCanonical(string path)
    {
        if (path == "/")
        {
            return true;
        }

        if (path.Length < 2 || path[0] != '/' || path[^1] == '/' || path.Contains('\0')
            || char.IsWhiteSpace(path[^1]))
        {
            return false;
        }

        var rest = path.AsSpan(1);
        foreach (var range in rest.Split('/'))
        {
            var segment = rest[range];
            if (segment.Length == 0 || segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }
}

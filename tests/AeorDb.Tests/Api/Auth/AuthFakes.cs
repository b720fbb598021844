using System.Collections.Concurrent;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Tests.Api.Auth;

/// <summary>A clock tests move by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>An in-memory <see cref="IFileContent"/>: a flat map of canonical paths to bytes.</summary>
internal sealed class InMemoryFileContent : IFileContent
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _deleted = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => (IReadOnlyCollection<string>)_files.Keys;

    public Task<WriteResult> WriteAsync(string canonicalPath, Stream body, string? contentType, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return WriteBytesAsync(canonicalPath, copy.ToArray(), contentType, cancellationToken);
    }

    public Task<WriteResult> WriteBytesAsync(string canonicalPath, ReadOnlyMemory<byte> content, string? contentType, CancellationToken cancellationToken = default)
    {
        _files[canonicalPath] = content.ToArray();
        return Task.FromResult(new WriteResult(CommitStatus.Ok, Entry(canonicalPath, EntryKind.File), 0));
    }

    public Task<byte[]?> ReadBytesAsync(string canonicalPath, long maxBytes, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.TryGetValue(canonicalPath, out var bytes) && bytes.Length <= maxBytes ? bytes : null);

    public Task<byte[]?> ReadBytesAsync(string canonicalPath, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.TryGetValue(canonicalPath, out var bytes) ? bytes : null);

    public Task<IReadOnlyList<FileEntry>> ListAsync(string canonicalDirectory, CancellationToken cancellationToken = default)
    {
        var prefix = canonicalDirectory == "/" ? "/" : canonicalDirectory + "/";
        var children = new SortedDictionary<string, EntryKind>(StringComparer.Ordinal);
        foreach (var path in _files.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/');
            children[prefix + (slash < 0 ? rest : rest[..slash])] = slash < 0 ? EntryKind.File : EntryKind.Directory;
        }

        return Task.FromResult<IReadOnlyList<FileEntry>>(children.Select(c => Entry(c.Key, c.Value)).ToList());
    }

    public Task<bool> DeleteAsync(string canonicalPath, CancellationToken cancellationToken = default)
    {
        var removed = _files.TryRemove(canonicalPath, out _);
        if (removed)
        {
            _deleted[canonicalPath] = true;
        }

        return Task.FromResult(removed);
    }

    public Task<bool> WasDeletedAsync(string canonicalPath, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deleted.ContainsKey(canonicalPath) && !_files.ContainsKey(canonicalPath));

    private static FileEntry Entry(string path, EntryKind kind) => new(path, kind, new string('0', 64), 0, null, null, 0, 0, new VersionStamp(0, 0));
}

/// <summary>Just enough <see cref="IPathRules"/> for auth tests: flag and glob validation, whole-path globs with a trailing <c>/**</c>.</summary>
internal sealed class StubPathRules : IPathRules
{
    public string Canonicalize(string raw) => raw;

    public bool IsHidden(string canonicalPath) => canonicalPath.StartsWith("/.aeordb-system", StringComparison.Ordinal);

    public bool IsSystem(string canonicalPath) => IsHidden(canonicalPath);

    public string Parent(string canonicalPath) => canonicalPath.LastIndexOf('/') <= 0 ? "/" : canonicalPath[..canonicalPath.LastIndexOf('/')];

    public string Name(string canonicalPath) => canonicalPath[(canonicalPath.LastIndexOf('/') + 1)..];

    public bool GlobMatches(string glob, string canonicalPath) =>
        glob == "**" || (glob.EndsWith("/**", StringComparison.Ordinal) ? canonicalPath.StartsWith(glob[..^2], StringComparison.Ordinal) : glob == canonicalPath);

    public string? ValidateGlob(string glob) => glob.Length is 0 or > 1024 ? "glob must be 1 to 1024 bytes" : null;

    public string? ValidateFlags(string flags)
    {
        const string letters = "crudlify";
        if (flags.Length != 8)
        {
            return "flags must be exactly 8 characters";
        }

        for (var i = 0; i < 8; i++)
        {
            if (flags[i] != '-' && flags[i] != letters[i])
            {
                return $"flag position {i} must be '{letters[i]}' or '-'";
            }
        }

        return null;
    }

    public RuleDecision Evaluate(IReadOnlyList<KeyRule> rules, string canonicalPath, Operation operation)
    {
        if (rules.Count == 0)
        {
            return RuleDecision.NoRules;
        }

        var rule = rules.FirstOrDefault(r => GlobMatches(r.Glob, canonicalPath));
        return rule is not null && rule.Permitted[(int)operation] != '-' ? RuleDecision.Allowed : RuleDecision.Denied;
    }

    public string? ListingPermissions(IReadOnlyList<KeyRule> rules, string childPath, Operation operation) =>
        Evaluate(rules, childPath, operation) == RuleDecision.Allowed ? rules.First(r => GlobMatches(r.Glob, childPath)).Permitted : null;
}

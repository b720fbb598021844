using AeorDb.Api.Auth;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Events;

/// <summary>
/// What one stream delivers (CONTRACT §6.4): the <c>events=a,b</c> type filter, the <c>path_prefix</c> filter
/// (an event needs an entry path starting with it; pathless events then fail), and the caller's view: an
/// event reaches a caller who may not see everything only when at least one of its paths is readable, and
/// carries only those paths; pathless events pass.
/// </summary>
internal sealed class EventFilter
{
    private readonly IReadOnlySet<string>? _types;
    private readonly string? _pathPrefix;
    private readonly Func<string, CancellationToken, ValueTask<bool>>? _mayRead;

    /// <param name="types">Event types to deliver; null for all.</param>
    /// <param name="pathPrefix">Prefix an entry path must start with; null for no path filter.</param>
    /// <param name="mayRead">Whether the caller may read a path; null when the caller sees every path.</param>
    public EventFilter(IReadOnlySet<string>? types, string? pathPrefix, Func<string, CancellationToken, ValueTask<bool>>? mayRead)
    {
        _types = types;
        _pathPrefix = string.IsNullOrEmpty(pathPrefix) ? null : pathPrefix;
        _mayRead = mayRead;
    }

    /// <summary>
    /// The filter for <paramref name="caller"/>: root and peers see every path; anyone else sees a path only
    /// when the access policy lets them Read it, and never the hidden namespaces.
    /// </summary>
    public static EventFilter For(Caller caller, IReadOnlySet<string>? types, string? pathPrefix, IAccessPolicy policy, IPathRules rules)
    {
        if (caller.IsRoot || caller.IsPeer)
        {
            return new EventFilter(types, pathPrefix, null);
        }

        return new EventFilter(types, pathPrefix, async (path, cancellationToken) =>
            !rules.IsHidden(path)
            && await policy.CheckAsync(caller, path, Operation.Read, cancellationToken).ConfigureAwait(false) == AccessDecision.Allowed);
    }

    /// <summary>Parses <c>events=a,b</c>: null (all types) when absent or empty.</summary>
    public static IReadOnlySet<string>? ParseTypes(string? events)
    {
        if (string.IsNullOrWhiteSpace(events))
        {
            return null;
        }

        var types = events.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return types.Length == 0 ? null : new HashSet<string>(types, StringComparer.Ordinal);
    }

    /// <summary>True when events of <paramref name="eventType"/> are delivered at all.</summary>
    public bool Wants(string eventType) => _types is null || _types.Contains(eventType);

    /// <summary>The event as this stream delivers it (paths the caller may not read removed), or null to skip it.</summary>
    public async ValueTask<NodeEvent?> ApplyAsync(NodeEvent nodeEvent, CancellationToken cancellationToken)
    {
        if (!Wants(nodeEvent.EventType))
        {
            return null;
        }

        var entries = nodeEvent.Entries;
        if (entries is null)
        {
            return _pathPrefix is null ? nodeEvent : null;
        }

        var kept = _mayRead is null ? entries : await ReadableAsync(entries, cancellationToken).ConfigureAwait(false);
        if (kept.Count == 0)
        {
            return null;
        }

        if (_pathPrefix is not null && !kept.Any(entry => entry.Path.StartsWith(_pathPrefix, StringComparison.Ordinal)))
        {
            return null;
        }

        return ReferenceEquals(kept, entries) ? nodeEvent : nodeEvent with { Payload = new EntriesPayload(kept) };
    }

    private async ValueTask<IReadOnlyList<EventEntry>> ReadableAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken)
    {
        List<EventEntry>? kept = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var readable = await _mayRead!(entries[i].Path, cancellationToken).ConfigureAwait(false);
            if (readable && kept is null)
            {
                continue;
            }

            // The first refused path: copy what was kept so far and go on copying.
            kept ??= [.. entries.Take(i)];
            if (readable)
            {
                kept.Add(entries[i]);
            }
        }

        return kept is null ? entries : kept;
    }
}

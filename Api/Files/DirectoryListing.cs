using AeorDb.Api.Auth;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Files;

/// <summary>
/// Turns a directory's entries into the listing of CONTRACT §4.2: reserved namespaces hidden, glob filter,
/// permission filter with <c>effective_permissions</c> for non-root callers, directories first, sort, page.
/// </summary>
internal sealed class DirectoryListing(IPathRules rules, IAccessPolicy policy)
{
    public async Task<ListingPage> BuildAsync(Caller caller, string directory, IReadOnlyList<FileEntry> entries, ListingQuery query, CancellationToken cancellationToken)
    {
        var items = new List<ListingItem>(entries.Count);
        foreach (var entry in entries)
        {
            if (rules.IsHidden(entry.Path) || (query.Glob is not null && !MatchesGlob(rules, query.Glob, directory, entry.Path)))
            {
                continue;
            }

            string? permissions = null;
            if (!caller.IsRoot)
            {
                permissions = await policy.ListingPermissionsAsync(caller, entry.Path, Operation.List, cancellationToken).ConfigureAwait(false);
                if (permissions is null)
                {
                    continue;
                }
            }

            items.Add(ListingItem.From(entry, rules.Name(entry.Path), permissions));
        }

        return Page(items, query);
    }

    /// <summary>A listing glob is tried on the name, then the path relative to the listed directory, then the full path (CONTRACT §1.6).</summary>
    public static bool MatchesGlob(IPathRules rules, string glob, string directory, string path)
    {
        var name = rules.Name(path);
        var prefix = directory == "/" ? "/" : directory + "/";
        var relative = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : name;
        return rules.GlobMatches(glob, name) || rules.GlobMatches(glob, relative) || rules.GlobMatches(glob, path);
    }

    /// <summary>Sorts (directories first, then by the key, ties by name and path) and pages; the offset is clamped to the total, the page to <see cref="ListingQuery.PageCap"/>.</summary>
    public static ListingPage Page(List<ListingItem> items, ListingQuery query)
    {
        items.Sort((left, right) => Compare(left, right, query));
        var total = items.Count;
        var offset = Math.Min(query.Offset, total);
        var limit = query.Limit ?? (total - offset > query.PageCap ? query.PageCap : null);
        var count = limit is { } pageSize ? Math.Min(pageSize, total - offset) : total - offset;
        return new ListingPage(items.GetRange(offset, count), total, limit, offset);
    }

    private static int Compare(ListingItem left, ListingItem right, ListingQuery query)
    {
        var leftDirectory = left.EntryType == (int)EntryKind.Directory;
        var rightDirectory = right.EntryType == (int)EntryKind.Directory;
        if (leftDirectory != rightDirectory)
        {
            return leftDirectory ? -1 : 1;
        }

        var byKey = query.Sort switch
        {
            ListingSort.Size => left.Size.CompareTo(right.Size),
            ListingSort.CreatedAt => left.CreatedAt.CompareTo(right.CreatedAt),
            ListingSort.UpdatedAt => left.UpdatedAt.CompareTo(right.UpdatedAt),
            _ => StringComparer.OrdinalIgnoreCase.Compare(left.Name, right.Name),
        };
        if (byKey == 0)
        {
            byKey = StringComparer.Ordinal.Compare(left.Name, right.Name);
        }

        if (byKey == 0)
        {
            byKey = StringComparer.Ordinal.Compare(left.Path, right.Path);
        }

        return query.Descending ? -byKey : byKey;
    }
}

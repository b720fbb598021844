using System.Globalization;
using System.Text;
using AeorDb.Api.Auth;
using AeorDb.Api.Errors;
using AeorDb.Api.Links;
using AeorDb.Api.Security;
using AeorDb.Api.Storage;
using AeorDb.Grains.Interfaces;
using AeorDb.Grains.Interfaces.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AeorDb.Api.Files;

/// <summary>GET and HEAD of <c>/files/{path}</c> (CONTRACT §4.2, §4.3).</summary>
internal sealed class FileReads(IPathRules rules, IObjectStore store, FileLookup lookup, PathAccess access, DirectoryListing listing, SmallFileCache smallFiles, VersionReader reader, IOptions<ResourceLimitOptions> limits)
{
    public const string Prefix = "/files";


    public async Task<IResult> GetAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, Prefix);
        if (rules.IsHidden(request.Path))
        {
            return PathAccess.NotFound(context, request);
        }

        var (query, invalid) = ListingQuery.Parse(context.Request.Query, limits.Value.MaxListingPage);
        if (query is null)
        {
            return ApiErrors.BadRequest(invalid!);
        }

        if (GlobInput.Check(rules, query.Glob, "glob") is { } badGlob)
        {
            return badGlob;
        }

        var denied = await access.CheckAsync(context, request, request.Path, request.TrailingSlash ? Operation.List : Operation.Read).ConfigureAwait(false);
        var (root, badRoot) = denied is null ? await lookup.ResolveRootAsync(query).ConfigureAwait(false) : (null, null);
        if ((denied ?? badRoot) is { } refusal)
        {
            return refusal;
        }

        var entry = await lookup.GetAsync(request.Path, root).ConfigureAwait(false);
        if (entry is null)
        {
            return PathAccess.NotFound(context, request);
        }

        if (entry.Kind == EntryKind.Symlink && query.NoFollow)
        {
            return TypedResults.Json(LinkInfo.From(entry), ApiJson.Options);
        }

        return entry.Kind == EntryKind.Symlink
            ? await ServeLinkAsync(context, request, entry, query, root).ConfigureAwait(false)
            : await ServeAsync(context, request, entry, null, query, root).ConfigureAwait(false);
    }

    public async Task<IResult> HeadAsync(HttpContext context)
    {
        var request = FileRequest.From(context, rules, Prefix);
        if (rules.IsHidden(request.Path))
        {
            return TypedResults.NotFound();
        }

        if (await access.CheckAsync(context, request, request.Path, Operation.Read).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var entry = await lookup.GetAsync(request.Path, null).ConfigureAwait(false);
        if (entry is null)
        {
            return TypedResults.NotFound();
        }

        WriteHeadHeaders(context.Response, entry);
        return TypedResults.Ok();
    }

    private async Task<IResult> ServeLinkAsync(HttpContext context, FileRequest request, FileEntry link, ListingQuery query, string? root)
    {
        var (target, targetPath, error) = await lookup.FollowAsync(context, request, link, root).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // The target is checked too, so a link never opens a path the caller may not read.
        var operation = target!.Kind == EntryKind.Directory ? Operation.List : Operation.Read;
        return await access.CheckAsync(context, request, target.Path, operation).ConfigureAwait(false)
            ?? await ServeAsync(context, request, target, targetPath, query, root).ConfigureAwait(false);
    }

    private async Task<IResult> ServeAsync(HttpContext context, FileRequest request, FileEntry entry, string? linkTarget, ListingQuery query, string? root)
    {
        if (entry.Kind == EntryKind.Directory)
        {
            var entries = await lookup.ListAsync(entry.Path, query.Depth, root).ConfigureAwait(false);
            var page = await listing.BuildAsync(context.GetCaller(), entry.Path, entries, query, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(page, ApiJson.Options);
        }

        FileVersion? version;
        byte[]? content = null;
        if (smallFiles.TryGet(entry.Hash, out var cached))
        {
            (version, content) = (cached.Version, cached.Content);
        }
        else
        {
            version = await store.GetFileVersionAsync(entry.Hash, context.RequestAborted).ConfigureAwait(false);
            if (version is null)
            {
                return PathAccess.NotFound(context, request);
            }

            if (smallFiles.Accepts(version.Size))
            {
                // Read whole before the answer starts: a missing chunk fails the request with a clean 500, not mid-body.
                content = await reader.ReadAllAsync(version, context.RequestAborted).ConfigureAwait(false);
                smallFiles.Add(new SmallFile(version, content));
            }
        }

        return new FileStreamResult(version, content, headers =>
        {
            headers["X-AeorDB-Path"] = HeaderSafe(entry.Path);
            AddTimes(headers, entry);
            if (linkTarget is not null)
            {
                headers["X-AeorDB-Link-Target"] = HeaderSafe(linkTarget);
            }
        });
    }

    private static void WriteHeadHeaders(HttpResponse response, FileEntry entry)
    {
        var headers = response.Headers;
        headers["X-AeorDB-Type"] = entry.Kind switch
        {
            EntryKind.File => "file",
            EntryKind.Symlink => "symlink",
            _ => "directory",
        };
        headers["X-AeorDB-Path"] = HeaderSafe(entry.Path);
        if (entry.Kind == EntryKind.File)
        {
            headers["X-AeorDB-Size"] = entry.Size.ToString(CultureInfo.InvariantCulture);
            AddTimes(headers, entry);
            if (entry.ContentType is not null)
            {
                response.ContentType = entry.ContentType;
            }
        }
        else if (entry.Kind == EntryKind.Symlink)
        {
            headers["X-AeorDB-Link-Target"] = HeaderSafe(entry.Target ?? string.Empty);
            AddTimes(headers, entry);
        }
    }

    /// <summary>Both spellings of the time headers (CONTRACT §4.2).</summary>
    private static void AddTimes(IHeaderDictionary headers, FileEntry entry)
    {
        var created = entry.CreatedAt.ToString(CultureInfo.InvariantCulture);
        var updated = entry.UpdatedAt.ToString(CultureInfo.InvariantCulture);
        headers["X-AeorDB-Created"] = created;
        headers["X-AeorDB-Updated"] = updated;
        headers["X-AeorDB-Created-At"] = created;
        headers["X-AeorDB-Updated-At"] = updated;
    }

    /// <summary>
    /// Header values carry visible ASCII only: controls are dropped, and non-ASCII characters are sent
    /// percent-encoded as UTF-8 (Kestrel refuses raw non-ASCII header values).
    /// </summary>
    public static string HeaderSafe(string value)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~')
            {
                builder.Append((char)rune.Value);
            }
            else if (!Rune.IsControl(rune))
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }
}

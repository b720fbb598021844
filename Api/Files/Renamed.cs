namespace AeorDb.Api.Files;

/// <summary>The answer to a rename (CONTRACT §4.5): <c>{"from","to","entry_type":"file"|"symlink"}</c>.</summary>
internal sealed record Renamed(string From, string To, string EntryType);

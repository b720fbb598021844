namespace AeorDb.Api.Auth.Keys;

/// <summary>
/// A stored query group (the original's shape): a user belongs when the query
/// <c>query_field query_operator query_value</c> holds for the user's record.
/// </summary>
internal sealed record GroupRecord(string Name, string? QueryField, string? QueryOperator, string? QueryValue)
{
    /// <summary>Whether <paramref name="user"/> is a member.</summary>
    public bool Includes(UserRecord user)
    {
        var expected = QueryValue ?? string.Empty;
        if (QueryField == "tags")
        {
            var tags = user.Tags ?? [];
            var wanted = expected.Split(',', StringSplitOptions.TrimEntries);
            return QueryOperator switch
            {
                "has" => tags.Contains(expected),
                "has_any" => wanted.Any(tags.Contains),
                "has_all" => wanted.All(tags.Contains),
                _ => Matches(string.Join(',', tags), expected),
            };
        }

        var value = QueryField is null ? string.Empty : user.Field(QueryField);
        return value.Length != 0 && Matches(value, expected);
    }

    private bool Matches(string value, string expected) => QueryOperator switch
    {
        "eq" => value == expected,
        "neq" => value != expected,
        "contains" => value.Contains(expected, StringComparison.Ordinal),
        "starts_with" => value.StartsWith(expected, StringComparison.Ordinal),
        "in" => expected.Split(',', StringSplitOptions.TrimEntries).Contains(value),
        "lt" => string.CompareOrdinal(value, expected) < 0,
        "gt" => string.CompareOrdinal(value, expected) > 0,
        _ => false,
    };
}

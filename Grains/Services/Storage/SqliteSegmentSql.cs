namespace AeorDb.Grains.Services.Storage;

/// <summary>
/// The SQL of objects whose bytes live in segment files (<see cref="Segments.SegmentSet"/>): such a row keeps an empty
/// <c>data</c> blob and the (segment, offset, length) of its bytes; an inline row has NULL there. Older databases get
/// the columns added at open, and their inline rows keep working unchanged.
/// </summary>
internal static class SqliteSegmentSql
{
    public const string SelectColumns = "SELECT name FROM pragma_table_info('aeor_objects')";

    public const string AddColumns = """
        ALTER TABLE aeor_objects ADD COLUMN segment INTEGER;
        ALTER TABLE aeor_objects ADD COLUMN seg_offset INTEGER;
        ALTER TABLE aeor_objects ADD COLUMN seg_length INTEGER;
        """;

    /// <summary>Per-segment lookups (recovery's ends, the collection's live bytes, compaction's objects) without a scan of every object.</summary>
    public const string CreateIndex =
        "CREATE INDEX IF NOT EXISTS aeor_objects_segment ON aeor_objects (segment, seg_offset) WHERE segment IS NOT NULL";

    /// <summary>An object's stored length whichever way it is stored (length() of a blob does not read it).</summary>
    public const string LengthExpression = "coalesce(seg_length, length(data))";

    public const string InsertObject = """
        INSERT OR IGNORE INTO aeor_objects (hash, kind, system, data, segment, seg_offset, seg_length)
        VALUES ($hash, $kind, $system, x'', $segment, $offset, $length)
        """;

    public const string SelectObjectExists = "SELECT 1 FROM aeor_objects WHERE hash = $hash";

    /// <summary>Per segment, the end of its last referenced byte: what open-time recovery keeps.</summary>
    public const string SelectReferencedEnds =
        "SELECT segment, max(seg_offset + seg_length) FROM aeor_objects WHERE segment IS NOT NULL GROUP BY segment";

    /// <summary>Per segment, the bytes its rows still reference: the collection compacts or deletes by them.</summary>
    public const string SelectLiveBytes =
        "SELECT segment, sum(seg_length) FROM aeor_objects WHERE segment IS NOT NULL GROUP BY segment";

    public const string SelectSegmentObjects =
        "SELECT hash, seg_offset, seg_length FROM aeor_objects WHERE segment = $segment ORDER BY seg_offset";

    public const string MoveObject = "UPDATE aeor_objects SET segment = $segment, seg_offset = $offset WHERE hash = $hash";
}

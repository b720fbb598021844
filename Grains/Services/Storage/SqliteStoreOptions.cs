namespace AeorDb.Grains.Services.Storage;

/// <summary>Where the embedded store lives: the <c>-D</c> database file, shared with Orleans grain state.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the SQLite database file.</summary>
    public string DatabasePath { get; set; } = "data.aeordb";
}

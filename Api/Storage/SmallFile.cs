using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Api.Storage;

/// <summary>A cached small file: its version record and all its bytes.</summary>
internal sealed record SmallFile(FileVersion Version, byte[] Content)
{
    /// <summary>Bytes counted per entry besides the content (the record, the version, the map's node): an estimate.</summary>
    public const int Overhead = 256;
}

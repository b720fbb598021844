namespace AeorDb.Grains.Interfaces.Models;

/// <summary>What the object store knows of one object without reading its bytes.</summary>
/// <param name="Kind">The object's kind.</param>
/// <param name="System">True for SYSTEM-flagged objects.</param>
/// <param name="Length">Stored length in bytes.</param>
public sealed record ObjectInfo(ObjectKind Kind, bool System, int Length);

namespace AeorDb.Grains.Services.Storage.Segments;

/// <summary>Where an object's bytes live in the segment files: the segment's number, the byte offset and the length.</summary>
internal readonly record struct SegmentLocation(long Segment, long Offset, int Length);

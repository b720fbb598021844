using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Storage;

/// <summary>An object put: chunk, file version record, directory node or symlink record.</summary>
internal sealed class ObjectWrite(byte[] hash, ObjectKind kind, bool system, ReadOnlyMemory<byte> data) : PendingWrite
{
    public byte[] Hash { get; } = hash;

    public ObjectKind Kind { get; } = kind;

    public bool System { get; } = system;

    /// <summary>The caller's bytes; the caller awaits <see cref="PendingWrite.Completion"/> without cancellation, so they stay valid.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    public override long Bytes => Data.Length + Hash.Length;
}

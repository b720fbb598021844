using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Services.Merkle;

/// <summary>One child of a Merkle directory node: its name, kind and 32-byte id (file version, directory node or symlink record).</summary>
internal sealed record DirectoryChild(string Name, EntryKind Kind, byte[] Hash);

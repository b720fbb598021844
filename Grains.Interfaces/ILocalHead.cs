using AeorDb.Grains.Interfaces.Models;

namespace AeorDb.Grains.Interfaces;

/// <summary>
/// HEAD point reads without a grain call, for the silo that hosts the node's tree grain (a silo-local DI singleton).
/// The tree grain's activation on this silo records the entries it answers with; every change of HEAD (a commit, the
/// load, the activation going away) starts a new generation before the change is acknowledged, and only entries of the
/// current generation are answered. So a read that starts after a write on this silo was acknowledged never sees the
/// entry the write replaced. When the tree grain lives on another silo (or is loading), nothing is answered here.
/// </summary>
public interface ILocalHead
{
    /// <summary>
    /// True with the HEAD entry at <paramref name="path"/> (null: known absent) when the current generation holds it;
    /// false when the caller must ask the tree grain.
    /// </summary>
    bool TryGet(string path, out FileEntry? entry);
}

using System.Security.Cryptography;

namespace AeorDb.Bench.Scenarios.Replication;

/// <summary>One file to replicate: its path relative to the shared root (forward slashes) and its bytes.</summary>
internal sealed record ReplicaFile(string Path, ReadOnlyMemory<byte> Data);

/// <summary>
/// The files of one round: fresh random bytes every round (so nothing deduplicates against an earlier round),
/// the same bytes for both sides within the round. Small files live under <c>r&lt;n&gt;/small/dNN/</c>, the large
/// one is <c>r&lt;n&gt;/large.bin</c>.
/// </summary>
internal sealed class ReplicationWorkload
{
    private ReplicationWorkload(string name, IReadOnlyList<ReplicaFile> small, IReadOnlyList<ReplicaFile> large)
    {
        Name = name;
        Small = small;
        Large = large;
    }

    /// <summary>The round's directory ("r1", "w1" for a warm-up).</summary>
    public string Name { get; }

    public IReadOnlyList<ReplicaFile> Small { get; }

    /// <summary>Empty when the large phase is skipped.</summary>
    public IReadOnlyList<ReplicaFile> Large { get; }

    public static ReplicationWorkload Create(string name, int files, int fileBytes, int fanout, long largeBytes)
    {
        var smallBytes = new byte[(long)files * fileBytes];
        RandomNumberGenerator.Fill(smallBytes);
        var small = new ReplicaFile[files];
        for (var i = 0; i < files; i++)
        {
            small[i] = new ReplicaFile($"{name}/small/d{i % fanout:D2}/f{i:D6}.bin", smallBytes.AsMemory(i * fileBytes, fileBytes));
        }

        if (largeBytes == 0)
        {
            return new ReplicationWorkload(name, small, []);
        }

        var large = GC.AllocateUninitializedArray<byte>(checked((int)largeBytes));
        RandomNumberGenerator.Fill(large);
        return new ReplicationWorkload(name, small, [new ReplicaFile($"{name}/large.bin", large)]);
    }
}

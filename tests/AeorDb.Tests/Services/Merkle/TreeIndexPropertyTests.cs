using AeorDb.Grains.Interfaces.Models;
using AeorDb.Grains.Services.Merkle;
using CsCheck;
using Xunit;
using static AeorDb.Tests.Services.Merkle.TreeEntries;

namespace AeorDb.Tests.Services.Merkle;

/// <summary>
/// The root hash depends only on the final content: random writes and deletes over a small path
/// alphabet (so conflicts, re-creations and empty directories happen often) must give the root of a
/// fresh index loaded with the final entries, and the root of the same content built in another order
/// with other timestamps. CsCheck prints the seed of a failing sample.
/// </summary>
public sealed class TreeIndexPropertyTests
{
    private static readonly string[] _paths = BuildPaths();

    /// <summary>One operation: put a file (content 1..3) or a symlink (content 0 → link), or delete (content -1).</summary>
    private static readonly Gen<(int Path, int Content, int Batch)> _operation =
        Gen.Select(Gen.Int[0, _paths.Length - 1], Gen.Int[-1, 3], Gen.Int[0, 3]);

    [Fact]
    public void RootHash_RandomWritesAndDeletes_DependsOnlyOnFinalContent()
    {
        Gen.Select(_operation.Array[0, 60], Gen.Int)
            .Sample(sample =>
            {
                var (operations, shuffleSeed) = sample;
                var index = Replay(operations);
                var final = index.Entries();

                var loaded = new TreeIndex();
                Assert.Equal(0, loaded.Load(final));
                Assert.Equal(index.RootHash, loaded.RootHash);

                var rebuilt = Rebuild(final, shuffleSeed);
                Assert.Equal(index.RootHash, rebuilt.RootHash);
                Assert.Equal(Content(final), Content(rebuilt.Entries()));
            }, iter: 400);
    }

    /// <summary>Applies the operations; consecutive ones with the same batch number share one group commit, like the tree grain.</summary>
    private static TreeIndex Replay((int Path, int Content, int Batch)[] operations)
    {
        var index = new TreeIndex();
        var time = 1000L;
        TreeBatch? batch = null;
        var batchNumber = -1;
        foreach (var (pathIndex, content, number) in operations)
        {
            if (batch is not null && number != batchNumber)
            {
                Flush(index, batch);
                batch = null;
            }

            batch ??= index.Begin(Stamp(++time));
            batchNumber = number;
            var path = _paths[pathIndex];
            TreeChange change = content switch
            {
                < 0 => Delete(path),
                0 => Put(Symlink(path, "/target", ++time)),
                _ => Put(File(path, content, ++time)),
            };
            batch.TryApply([change]);
        }

        if (batch is not null)
        {
            Flush(index, batch);
        }

        return index;
    }

    private static void Flush(TreeIndex index, TreeBatch batch)
    {
        if (batch.HasChanges)
        {
            batch.Build();
            index.Accept(batch);
        }
    }

    /// <summary>The same content in a shuffled order, one change per commit, with other timestamps.</summary>
    private static TreeIndex Rebuild(IReadOnlyList<FileEntry> final, int seed)
    {
        var shuffled = final.ToArray();
        new Random(seed).Shuffle(shuffled);
        var index = new TreeIndex();
        var time = 900_000L;
        foreach (var entry in shuffled)
        {
            var change = Put(entry with { CreatedAt = ++time, UpdatedAt = time, Stamp = Stamp(time) });
            Assert.Equal(CommitStatus.Ok, index.Apply([change], Stamp(++time)).Status);
        }

        return index;
    }

    private static string[] Content(IEnumerable<FileEntry> entries) =>
        [.. entries.Select(e => $"{e.Path} {e.Kind} {e.Hash} {e.Target}").Order(StringComparer.Ordinal)];

    private static string[] BuildPaths()
    {
        var names = new[] { "a", "b", "c" };
        var paths = new List<string>();
        foreach (var first in names)
        {
            paths.Add("/" + first);
            foreach (var second in names)
            {
                paths.Add($"/{first}/{second}");
                paths.Add($"/{first}/{second}/c");
            }
        }

        return [.. paths];
    }
}

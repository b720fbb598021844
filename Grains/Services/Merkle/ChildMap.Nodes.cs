namespace AeorDb.Grains.Services.Merkle;

internal sealed partial class ChildMap
{
    /// <summary>Builds the canonical node for these children at <paramref name="depth"/>.</summary>
    private static Node Build(List<KeyedItem> items, int depth, int maxLeafChildren)
    {
        if (MerkleCodec.IsLeaf(items.Count, depth, maxLeafChildren))
        {
            var sorted = items.ConvertAll(static i => i.Item).ToArray();
            Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Name, y.Name));
            return new LeafNode(sorted);
        }

        var groups = new List<KeyedItem>?[256];
        foreach (var item in items)
        {
            (groups[item.Key[depth]] ??= []).Add(item);
        }

        var buckets = new Node?[256];
        for (var i = 0; i < buckets.Length; i++)
        {
            if (groups[i] is { } group)
            {
                buckets[i] = Build(group, depth + 1, maxLeafChildren);
            }
        }

        return new IndexNode(buckets, items.Count);
    }

    /// <summary>Every item under a node, leaves in bucket order.</summary>
    private static IEnumerable<Item> Items(Node? node)
    {
        if (node is null)
        {
            yield break;
        }

        var pending = new Stack<Node>();
        pending.Push(node);
        while (pending.TryPop(out var current))
        {
            if (current is LeafNode leaf)
            {
                foreach (var item in leaf.Items)
                {
                    yield return item;
                }

                continue;
            }

            var buckets = ((IndexNode)current).Buckets;
            for (var i = buckets.Length - 1; i >= 0; i--)
            {
                if (buckets[i] is { } child)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private readonly record struct Item(string Name, ChildEntry Entry);

    private readonly record struct KeyedItem(Item Item, byte[] Key);

    /// <summary>A node of the map; immutable except for its hash, computed once on demand.</summary>
    private abstract class Node
    {
        public abstract int Count { get; }

        public byte[]? Hash { get; set; }
    }

    /// <summary>Children sorted by ordinal name.</summary>
    private sealed class LeafNode(Item[] items) : Node
    {
        public Item[] Items { get; } = items;

        public override int Count => Items.Length;

        /// <summary>The index of <paramref name="name"/>, or the complement of its insertion point.</summary>
        public int IndexOf(string name)
        {
            int low = 0, high = Items.Length - 1;
            while (low <= high)
            {
                var middle = low + ((high - low) >> 1);
                var order = string.CompareOrdinal(Items[middle].Name, name);
                if (order == 0)
                {
                    return middle;
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return ~low;
        }

        public LeafNode Replace(int at, Item item)
        {
            var items = (Item[])Items.Clone();
            items[at] = item;
            return new LeafNode(items);
        }

        public LeafNode Insert(int at, Item item)
        {
            var items = new Item[Items.Length + 1];
            Array.Copy(Items, items, at);
            items[at] = item;
            Array.Copy(Items, at, items, at + 1, Items.Length - at);
            return new LeafNode(items);
        }

        public LeafNode RemoveAt(int at)
        {
            var items = new Item[Items.Length - 1];
            Array.Copy(Items, items, at);
            Array.Copy(Items, at + 1, items, at, Items.Length - at - 1);
            return new LeafNode(items);
        }
    }

    /// <summary>256 buckets by one name-hash byte (null: empty) and the total count below.</summary>
    private sealed class IndexNode(Node?[] buckets, int count) : Node
    {
        public Node?[] Buckets { get; } = buckets;

        public override int Count { get; } = count;

        public IndexNode With(int bucket, Node? node)
        {
            var buckets = (Node?[])Buckets.Clone();
            var count = Count - (Buckets[bucket]?.Count ?? 0) + (node?.Count ?? 0);
            buckets[bucket] = node;
            return new IndexNode(buckets, count);
        }
    }
}

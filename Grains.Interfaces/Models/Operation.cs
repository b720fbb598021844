namespace AeorDb.Grains.Interfaces.Models;

/// <summary>The eight permission flags of CONTRACT §3.6, in flag-string order <c>crudlify</c>.</summary>
public enum Operation
{
    /// <summary>c: create a new path.</summary>
    Create = 0,

    /// <summary>r: read a file.</summary>
    Read = 1,

    /// <summary>u: update an existing path.</summary>
    Update = 2,

    /// <summary>d: delete.</summary>
    Delete = 3,

    /// <summary>l: list a directory.</summary>
    List = 4,

    /// <summary>i: invoke.</summary>
    Invoke = 5,

    /// <summary>f: deploy functions.</summary>
    Deploy = 6,

    /// <summary>y: configure (.aeordb-config, .aeordb-permissions).</summary>
    Configure = 7,
}

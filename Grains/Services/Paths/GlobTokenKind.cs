namespace AeorDb.Grains.Services.Paths;

/// <summary>Kinds of glob steps.</summary>
internal enum GlobTokenKind
{
    /// <summary>One given character.</summary>
    Literal,

    /// <summary><c>?</c>: one character other than '/'.</summary>
    AnyCharacter,

    /// <summary><c>[...]</c>: one character of a class.</summary>
    Class,

    /// <summary><c>*</c>: any run of characters other than '/'.</summary>
    Star,

    /// <summary>A final whole-segment <c>**</c>: any run of characters, '/' included.</summary>
    GlobStar,

    /// <summary>
    /// A whole-segment <c>**/</c> before more pattern: nothing, or any run ending in '/' (zero or more
    /// whole segments). Always followed by a <see cref="SegmentRunRest"/> step; this one is the entry,
    /// which alone may match nothing.
    /// </summary>
    GlobStarSlash,

    /// <summary>The inside of a <see cref="GlobStarSlash"/> after its first character: more characters, until a '/' ends it.</summary>
    SegmentRunRest,
}

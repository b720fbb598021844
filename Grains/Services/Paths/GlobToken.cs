using System.Text;

namespace AeorDb.Grains.Services.Paths;

/// <summary>One step of a brace-free glob: a character to match, or a run of characters.</summary>
/// <param name="Kind">What the step matches.</param>
/// <param name="Literal">The character of a <see cref="GlobTokenKind.Literal"/> step.</param>
/// <param name="Class">The set of a <see cref="GlobTokenKind.Class"/> step.</param>
internal readonly record struct GlobToken(GlobTokenKind Kind, Rune Literal = default, GlobClass? Class = null)
{
    /// <summary>True when this step can match <paramref name="c"/> and move on.</summary>
    public bool Consumes(Rune c) => Kind switch
    {
        GlobTokenKind.Literal => c == Literal,
        GlobTokenKind.AnyCharacter => c.Value != '/',
        GlobTokenKind.Class => Class!.Contains(c),
        _ => false,
    };
}

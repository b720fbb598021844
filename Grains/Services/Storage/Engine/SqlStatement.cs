using System.Data.Common;
using System.Text.RegularExpressions;

namespace AeorDb.Grains.Services.Storage.Engine;

/// <summary>
/// One SQL text of a dialect with the parameters it takes, found once in the text: <c>$name</c> parameters (SQLite)
/// are declared by name in order of first use, <c>$1</c>..<c>$n</c> (PostgreSQL) as n positional ones. The engine
/// binds them by index, so the same code serves both.
/// </summary>
internal sealed partial class SqlStatement
{
    public SqlStatement(string text)
    {
        Text = text;
        var names = new List<string>();
        var positional = 0;
        foreach (Match match in ParameterPattern().Matches(text))
        {
            if (char.IsAsciiDigit(match.Value[1]))
            {
                positional = Math.Max(positional, int.Parse(match.Value.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (!names.Contains(match.Value))
            {
                names.Add(match.Value);
            }
        }

        Parameters = positional > 0 ? [.. Enumerable.Repeat("", positional)] : [.. names];
    }

    public string Text { get; }

    /// <summary>The parameter names in binding order; empty strings for positional parameters.</summary>
    public IReadOnlyList<string> Parameters { get; }

    public static implicit operator SqlStatement(string text) => new(text);

    /// <summary>A command for this statement on <paramref name="connection"/> with its parameters declared (values unset).</summary>
    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = Text;
        command.Transaction = transaction;
        DeclareParameters(command);
        return command;
    }

    /// <summary>Adds this statement's parameters to <paramref name="command"/> (whose text is this statement's).</summary>
    public void DeclareParameters(DbCommand command)
    {
        foreach (var name in Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();
}

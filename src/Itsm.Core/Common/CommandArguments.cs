using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Itsm.Common;

/// <summary>
/// The canonical text of a command's arguments, for idempotency fingerprints: each value is written
/// with its length, so no two argument lists share a text (<c>("a,b")</c> and <c>("a", "b")</c> differ).
/// </summary>
internal sealed class CommandArguments
{
    private readonly StringBuilder _text = new();

    internal CommandArguments Add(string? value)
    {
        if (value is null)
        {
            _text.Append("~;");
        }
        else
        {
            _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
        }

        return this;
    }

    /// <summary>
    /// Arguments added after a command shipped: written only when one is set, so a command that sets none
    /// keeps the fingerprint it had (an idempotency key stored before the upgrade still matches).
    /// </summary>
    internal CommandArguments AddLater(params string?[] values)
    {
        if (System.Array.Exists(values, v => v is not null))
        {
            _text.Append('+');
            foreach (var value in values)
            {
                Add(value);
            }
        }

        return this;
    }

    internal CommandArguments Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    internal CommandArguments Add(decimal value) => Add(value.ToString(CultureInfo.InvariantCulture));

    internal CommandArguments Add(bool value) => Add(value ? "true" : "false");

    internal CommandArguments Add(IEnumerable<string> values)
    {
        var list = new List<string>(values);
        Add(list.Count);
        foreach (var value in list)
        {
            Add(value);
        }

        return this;
    }

    internal CommandArguments Add(IReadOnlyDictionary<string, string> values)
    {
        var keys = new List<string>(values.Keys);
        keys.Sort(System.StringComparer.Ordinal);
        Add(keys.Count);
        foreach (var key in keys)
        {
            Add(key).Add(values[key]);
        }

        return this;
    }

    /// <summary>The canonical text of <paramref name="command"/>'s arguments.</summary>
    internal static string Of(ItsmCommand command)
    {
        var arguments = new CommandArguments();
        command.WriteArguments(arguments);
        return arguments._text.ToString();
    }

    public override string ToString() => _text.ToString();
}

using System.Text;

namespace Itsm.Import;

/// <summary>How refusals quote a file's values: bounded and printable, whatever the file holds.</summary>
internal static class ImportText
{
    private const int MaxQuoted = 80;

    /// <summary><paramref name="text"/> as a refusal shows it: at most 80 characters (then "…"), control characters and unpaired surrogates as '?'.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder(System.Math.Min(text.Length, MaxQuoted + 1));
        for (int i = 0; i < text.Length && quoted.Length < MaxQuoted; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                quoted.Append(c).Append(text[++i]);
            }
            else
            {
                quoted.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }
        }

        return quoted.Length < text.Length ? quoted.Append('…').ToString() : quoted.ToString();
    }
}

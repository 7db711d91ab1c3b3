using NodaTime;
using NodaTime.Text;

namespace Itsm.Changes;

/// <summary>
/// Reads a change window as audit entries record it (<see cref="Interval.ToString"/>: two extended
/// ISO instants separated by <c>/</c>), for <see cref="ChangeScheduled"/> and <see cref="ChangeWindowEdited"/>.
/// </summary>
internal static class ChangeWindowText
{
    /// <summary>The window <paramref name="text"/> records, or <see langword="null"/> when it is not a bounded window that formats back to exactly <paramref name="text"/>.</summary>
    internal static Interval? Read(string text)
    {
        int slash = text.IndexOf('/', System.StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var start = InstantPattern.ExtendedIso.Parse(text[..slash]);
        var end = InstantPattern.ExtendedIso.Parse(text[(slash + 1)..]);
        if (!start.Success || !end.Success || end.Value < start.Value)
        {
            return null;
        }

        var window = new Interval(start.Value, end.Value);
        return string.Equals(window.ToString(), text, System.StringComparison.Ordinal) ? window : null;
    }
}

using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Routing;

/// <summary>Who is on call at one instant, and why: an override, a layer's rotation turn, or nobody.</summary>
/// <param name="At">The instant asked about.</param>
/// <param name="Person">Who is on call, or <see langword="null"/> when no override and no layer has anyone.</param>
/// <param name="Layer">The layer whose turn it is, or <see langword="null"/> for an override or nobody.</param>
/// <param name="HandoffIndex">The layer rotation's turn number, or -1 for an override or nobody.</param>
/// <param name="Override">The override that applies, or <see langword="null"/>.</param>
public sealed record OnCallAnswer(Instant At, string? Person, string? Layer, long HandoffIndex, RotaOverride? Override)
{
    /// <summary>The answer as a sentence, for example <c>'bob' is on call: layer 'primary', turn #12.</c></summary>
    public string Explanation => Override is not null
        ? string.Create(CultureInfo.InvariantCulture, $"'{Person}' is on call: override {InstantPattern.General.Format(Override.Interval.Start)} to {InstantPattern.General.Format(Override.Interval.End)}.")
        : Person is null
            ? "Nobody is on call: no override applies and no layer has anyone."
            : string.Create(CultureInfo.InvariantCulture, $"'{Person}' is on call: layer '{Layer}', turn #{HandoffIndex}.");
}

using NodaTime;

namespace Itsm.Satisfaction;

/// <summary>
/// A customer satisfaction survey result recorded on a resolved or closed ticket: a score on the fixed scale
/// <see cref="MinScore"/>..<see cref="MaxScore"/> (5 is best, as ServiceNow's and Zendesk's CSAT questions), an
/// optional comment and who answered.
/// </summary>
/// <param name="Score">The score, <see cref="MinScore"/> to <see cref="MaxScore"/>.</param>
/// <param name="Comment">What the respondent wrote, or <see langword="null"/>; at most <see cref="Itsm.Common.FieldLimits.Text"/> characters.</param>
/// <param name="Respondent">Who answered (usually the caller or requester; an id, at most <see cref="Itsm.Common.FieldLimits.Id"/> characters).</param>
/// <param name="RecordedAt">When the result was recorded.</param>
public sealed record SatisfactionResponse(int Score, string? Comment, string Respondent, Instant RecordedAt)
{
    /// <summary>The lowest score: very dissatisfied.</summary>
    public const int MinScore = 1;

    /// <summary>The highest score: very satisfied.</summary>
    public const int MaxScore = 5;

    /// <summary>The lowest score that counts as satisfied in the CSAT KPI (4 and 5 of 5, the usual "top two boxes").</summary>
    public const int SatisfiedFrom = 4;

    /// <summary>Whether the score counts as satisfied (<see cref="SatisfiedFrom"/> or more).</summary>
    public bool IsSatisfied => Score >= SatisfiedFrom;
}

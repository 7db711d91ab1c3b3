using System;
using Itsm.Common;
using NodaTime;

namespace Itsm.Satisfaction;

/// <summary>
/// The survey result a ticket holds and the command incidents and service requests share to record it: one
/// result per resolution. A ticket names its resolution by the instant it was resolved (an incident reopened and
/// resolved again has a new one, so it may be surveyed again); a request, which cannot reopen, has one.
/// </summary>
internal sealed class SatisfactionSurvey(string codePrefix, string recordType)
{
    internal SatisfactionResponse? Latest { get; private set; }

    /// <summary>The resolution <see cref="Latest"/> answers for (the ticket's resolution instant then).</summary>
    internal Instant? Resolution { get; private set; }

    internal void Restore(SatisfactionResponse? latest, Instant? resolution)
    {
        Latest = latest;
        Resolution = resolution;
    }

    /// <exception cref="ArgumentException">The score is off the scale, the respondent blank or too long, or the comment too long.</exception>
    internal (Action<Instant> Apply, DomainEvent Event, Action Check) Record(int score, string? comment, string respondent, Instant resolution, string recordId)
    {
        Check(score, comment, respondent);
        return (at =>
        {
            Latest = new SatisfactionResponse(score, comment, respondent, at);
            Resolution = resolution;
        }, new TicketSatisfactionRecorded(score, comment, respondent), () =>
        {
            if (Latest is not null && Resolution == resolution)
            {
                throw new DomainRuleViolationException(codePrefix + "-CSAT-001", $"{recordType} {recordId} already has a satisfaction result for this resolution; a ticket is surveyed once per resolution.");
            }
        });
    }

    /// <summary>Whether <paramref name="permitted"/> holds a command other than <paramref name="survey"/>: a closed ticket takes its survey result, yet is not open.</summary>
    internal static bool AcceptsWork<TCommand>(System.Collections.Generic.IReadOnlyList<TCommand> permitted, TCommand survey)
        where TCommand : struct, Enum
    {
        for (int i = 0; i < permitted.Count; i++)
        {
            if (!System.Collections.Generic.EqualityComparer<TCommand>.Default.Equals(permitted[i], survey))
            {
                return true;
            }
        }

        return false;
    }

    internal static void Check(int score, string? comment, string respondent)
    {
        if (score is < SatisfactionResponse.MinScore or > SatisfactionResponse.MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"The score must be {SatisfactionResponse.MinScore} to {SatisfactionResponse.MaxScore}.");
        }

        if (comment is not null && string.IsNullOrWhiteSpace(comment))
        {
            throw new ArgumentException("A comment is null (none) or has text; it is blank.", nameof(comment));
        }

        FieldCheck.Length(comment, FieldLimits.Text);
        FieldCheck.Required(respondent, FieldLimits.Id);
    }
}

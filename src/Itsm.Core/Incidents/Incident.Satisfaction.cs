using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Satisfaction;
using NodaTime;

namespace Itsm.Incidents;

// The customer satisfaction survey result of the incident's resolution (docs/kpis.md, "Customer satisfaction").
public sealed partial class Incident
{
    private SatisfactionSurvey? _survey;

    private SatisfactionSurvey Survey => _survey ??= new SatisfactionSurvey("ITSM-INC", RecordType);

    /// <summary>The latest survey result, or <see langword="null"/> if none was recorded.</summary>
    public SatisfactionResponse? Satisfaction => _survey?.Latest;

    /// <summary>The resolution <see cref="Satisfaction"/> answers for (the <see cref="ResolvedAt"/> it was recorded under), or <see langword="null"/>.</summary>
    internal Instant? SatisfactionResolution => _survey?.Resolution;

    /// <summary>
    /// Records the customer satisfaction survey result of the current resolution, while Resolved or Closed (a survey
    /// sent at resolution may come back after closure). One result per resolution: after a reopen and a new
    /// resolution the incident may be surveyed again, and <see cref="Satisfaction"/> then holds the newer result
    /// (the audit log keeps both, and the CSAT KPI counts both).
    /// </summary>
    /// <param name="actor">Who records it (the respondent, or an integration acting for them).</param>
    /// <param name="score">The score, <see cref="SatisfactionResponse.MinScore"/> to <see cref="SatisfactionResponse.MaxScore"/>.</param>
    /// <param name="comment">The respondent's comment, or <see langword="null"/>; not blank, at most <see cref="FieldLimits.Text"/> characters.</param>
    /// <param name="respondent">Who answered; at most <see cref="FieldLimits.Id"/> characters.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null, <paramref name="score"/> is off the scale,
    /// <paramref name="comment"/> is blank or too long, or <paramref name="respondent"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (New, InProgress, OnHold, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-CSAT-001</c>: this resolution already has a result.</exception>
    public void RecordSatisfaction(Actor actor, int score, string? comment, string respondent)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = Survey.Record(score, comment, respondent, ResolvedAt ?? default, RecordId);
        Execute(actor, IncidentCommand.RecordSatisfaction, apply, @event, check);
    }

    /// <summary>Whether the state permits a command other than <see cref="IncidentCommand.RecordSatisfaction"/>: a closed incident still takes its survey result, yet is not open.</summary>
    internal bool AcceptsWork => SatisfactionSurvey.AcceptsWork(PermittedCommands, IncidentCommand.RecordSatisfaction);

    /// <summary>Puts back the stored survey result (the codec, after <c>Restore</c>).</summary>
    internal Incident WithSatisfaction((SatisfactionResponse? Latest, Instant? Resolution) stored)
    {
        if (stored.Latest is not null)
        {
            Survey.Restore(stored.Latest, stored.Resolution);
        }

        return this;
    }
}

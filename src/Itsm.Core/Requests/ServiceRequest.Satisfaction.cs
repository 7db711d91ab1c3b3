using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Satisfaction;
using NodaTime;

namespace Itsm.Requests;

// The customer satisfaction survey result of the fulfilled request (docs/kpis.md, "Customer satisfaction").
public sealed partial class ServiceRequest
{
    // A request is fulfilled once (it never reopens): every result answers for the same, single fulfilment.
    private static readonly Instant OnlyFulfilment = default;

    private SatisfactionSurvey? _survey;

    private SatisfactionSurvey Survey => _survey ??= new SatisfactionSurvey("ITSM-REQ", RecordType);

    /// <summary>The survey result, or <see langword="null"/> if none was recorded.</summary>
    public SatisfactionResponse? Satisfaction => _survey?.Latest;

    /// <summary>
    /// Records the customer satisfaction survey result of the fulfilled request, while Fulfilled or Closed (a
    /// survey sent at fulfilment may come back after closure). A request is surveyed once.
    /// </summary>
    /// <param name="actor">Who records it (the respondent, or an integration acting for them).</param>
    /// <param name="score">The score, <see cref="SatisfactionResponse.MinScore"/> to <see cref="SatisfactionResponse.MaxScore"/>.</param>
    /// <param name="comment">The respondent's comment, or <see langword="null"/>; not blank, at most <see cref="FieldLimits.Text"/> characters.</param>
    /// <param name="respondent">Who answered; at most <see cref="FieldLimits.Id"/> characters.</param>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is null, <paramref name="score"/> is off the scale,
    /// <paramref name="comment"/> is blank or too long, or <paramref name="respondent"/> is blank or too long.</exception>
    /// <exception cref="InvalidTransitionException">Not permitted in the current state (before fulfilment, Rejected, Canceled).</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-REQ-CSAT-001</c>: the request already has a result.</exception>
    public void RecordSatisfaction(Actor actor, int score, string? comment, string respondent)
    {
        Guard.Against.Null(actor);
        var (apply, @event, check) = Survey.Record(score, comment, respondent, OnlyFulfilment, RecordId);
        Execute(actor, ServiceRequestCommand.RecordSatisfaction, apply, @event, check);
    }

    /// <summary>Whether the state permits a command other than <see cref="ServiceRequestCommand.RecordSatisfaction"/>: a closed request still takes its survey result, yet is not open.</summary>
    internal bool AcceptsWork => SatisfactionSurvey.AcceptsWork(PermittedCommands, ServiceRequestCommand.RecordSatisfaction);

    /// <summary>Puts back the stored survey result (the codec, after <c>Restore</c>).</summary>
    internal ServiceRequest WithSatisfaction(SatisfactionResponse? latest)
    {
        if (latest is not null)
        {
            Survey.Restore(latest, OnlyFulfilment);
        }

        return this;
    }
}

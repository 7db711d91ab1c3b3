using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing;

/// <summary>
/// A generated incident history: how the incident is opened, and the commands issued to it. Running
/// it opens the incident on a fresh <see cref="FakeClock"/> and issues every step, keeping the ones the
/// incident accepts.
/// </summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Id">The incident's id (never empty).</param>
/// <param name="OpenedBy">Who opens it.</param>
/// <param name="CallerId">The caller (one of the generated actors has this id).</param>
/// <param name="Impact">The impact at opening.</param>
/// <param name="Urgency">The urgency at opening.</param>
/// <param name="Service">The affected service, if any.</param>
/// <param name="OpenedAt">When it is opened (the clock's start).</param>
/// <param name="Options">The incident options (for example a short reopen window).</param>
/// <param name="Steps">The commands, in order.</param>
public sealed record IncidentScenario(
    TenantId Tenant,
    IncidentId Id,
    Actor OpenedBy,
    string CallerId,
    Impact Impact,
    Urgency Urgency,
    string? Service,
    Instant OpenedAt,
    IncidentOptions Options,
    IReadOnlyList<IncidentCommandStep> Steps)
{
    /// <summary>Opens the incident at <see cref="OpenedAt"/> and issues every step.</summary>
    /// <returns>The incident, its clock, and the steps it accepted.</returns>
    public IncidentRun Run()
    {
        var clock = new FakeClock(OpenedAt);
        var incident = Incident.Open(Tenant, Id, OpenedBy, CallerId, "Generated incident", Impact, Urgency, clock, Options, Service is null ? null : new Itsm.Services.ServiceId(Service));
        var accepted = new List<IncidentCommandStep>();
        foreach (var step in Guard.Against.Null(Steps))
        {
            if (step.TryApply(incident, clock))
            {
                accepted.Add(step);
            }
        }

        return new IncidentRun(incident, clock, accepted.AsReadOnly());
    }

    /// <summary>The scenario as text, one step a line, for FsCheck's counterexamples.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"Open({Tenant}, {Id}, by {OpenedBy}, caller {CallerId}, {Impact}/{Urgency}, service {Service ?? "none"}, at {OpenedAt}, work start {Options.WorkStart}, reopen by {Options.Reopen.Reopeners} within {Options.Reopen.Window}{(Options.Reopen.FromClosed ? " (closed too)" : string.Empty)})"
        + string.Concat(Steps.Select(s => "\n  " + s));
}

/// <summary>The outcome of <see cref="IncidentScenario.Run"/>.</summary>
/// <param name="Incident">The incident after every step: version 1 (the opening) plus the accepted steps, with its audit entries uncommitted.</param>
/// <param name="Clock">The incident's clock, at the time of the last step.</param>
/// <param name="AcceptedSteps">The steps the incident accepted, in order.</param>
public sealed record IncidentRun(Incident Incident, FakeClock Clock, IReadOnlyList<IncidentCommandStep> AcceptedSteps);

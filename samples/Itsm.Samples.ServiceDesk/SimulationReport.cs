using System.Collections.Generic;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>Progress of a run: one report per simulated day.</summary>
/// <param name="Day">Days done (1-based).</param>
/// <param name="Days">Days in the run.</param>
/// <param name="Date">The local date just simulated.</param>
/// <param name="OpenIncidents">Open incidents at the end of that day.</param>
public readonly record struct SimulationProgress(int Day, int Days, LocalDate Date, int OpenIncidents);

/// <summary>The open incidents (New, InProgress, OnHold) at the end of a day.</summary>
/// <param name="Date">The local date.</param>
/// <param name="EndOfDay">The instant the count was taken (the next local midnight).</param>
/// <param name="OpenIncidents">Open incidents then.</param>
public readonly record struct DailyBacklog(LocalDate Date, Instant EndOfDay, int OpenIncidents);

/// <summary>One SLA clock that breached.</summary>
/// <param name="RecordType">Incident or ServiceRequest.</param>
/// <param name="RecordId">The ticket's id.</param>
/// <param name="Title">The ticket's short description (or catalog item).</param>
/// <param name="Priority">The clock's priority.</param>
/// <param name="AgreementId">The agreement.</param>
/// <param name="Metric">The target's metric.</param>
/// <param name="Target">The target (business time).</param>
/// <param name="Late">How far past the target the clock got (business time), at its end or at the period end.</param>
/// <param name="StillRunning">Whether the clock is still running at the period end.</param>
public sealed record SlaBreach(string RecordType, string RecordId, string Title, Priority Priority, string AgreementId, string Metric, Duration Target, Duration Late, bool StillRunning)
{
    /// <summary>The ticket's number as people say it (<c>INC0000042</c>); null when the store gave it none.</summary>
    public string? Number { get; init; }
}

/// <summary>Compliance of one target: clocks that ended in the period, achieved and breached.</summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Achieved">Clocks stopped within target.</param>
/// <param name="Breached">Clocks stopped after their target.</param>
public sealed record TargetCompliance(string AgreementId, string Metric, int Achieved, int Breached)
{
    /// <summary>Achieved / (achieved + breached), or <see langword="null"/> with no ended clock.</summary>
    public double? Rate => Achieved + Breached == 0 ? null : (double)Achieved / (Achieved + Breached);
}

/// <summary>What happened during the run (counted as the simulation went).</summary>
public sealed record RunActivity
{
    /// <summary>Interactions logged.</summary>
    public int Interactions { get; init; }

    /// <summary>Incidents opened (including children of the major incident).</summary>
    public int Incidents { get; init; }

    /// <summary>Service requests submitted.</summary>
    public int ServiceRequests { get; init; }

    /// <summary>Questions answered on first contact.</summary>
    public int Answered { get; init; }

    /// <summary>Incidents resolved on first contact.</summary>
    public int ResolvedOnFirstContact { get; init; }

    /// <summary>Monitoring alerts.</summary>
    public int Alerts { get; init; }

    /// <summary>Major incidents declared.</summary>
    public int MajorIncidents { get; init; }

    /// <summary>Problems opened.</summary>
    public int Problems { get; init; }

    /// <summary>Changes opened.</summary>
    public int Changes { get; init; }

    /// <summary>Reopens by callers.</summary>
    public int Reopens { get; init; }

    /// <summary>SLA warnings (50% / 75%) fired by the due list.</summary>
    public int SlaWarnings { get; init; }

    /// <summary>SLA breaches fired by the due list (incidents were escalated hierarchically).</summary>
    public int SlaBreaches { get; init; }

    /// <summary>Tickets still open from an earlier run that this run picked up.</summary>
    public int PickedUp { get; init; }

    /// <summary>Commands run through the engine (creates, executes and saves).</summary>
    public int Commands { get; init; }

    /// <summary>Improvement items proposed.</summary>
    public int Improvements { get; init; }

    /// <summary>Changes whose implementation failed (closed as failed or backed out).</summary>
    public int FailedChanges { get; init; }

    /// <summary>Incidents raised because a change failed (each linked to it).</summary>
    public int IncidentsCausedByChanges { get; init; }

    /// <summary>Work notes resolvers added to incidents (internal: callers never read them).</summary>
    public int WorkNotes { get; init; }

    /// <summary>Comments resolvers added for the callers.</summary>
    public int Comments { get; init; }

    /// <summary>The time resolvers logged on incidents.</summary>
    public NodaTime.Duration TimeWorked { get; init; }

    /// <summary>Incidents resolved with a known error's workaround.</summary>
    public int ResolvedByWorkaround { get; init; }
}

/// <summary>The result of a run: KPIs, SLA outcomes, backlog and where the data lives.</summary>
public sealed record SimulationReport
{
    /// <summary>The settings the run used.</summary>
    public required SimulationSettings Settings { get; init; }

    /// <summary>The full path of the database.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>The simulated period [start, end): local midnights in the office's zone.</summary>
    public required Interval Period { get; init; }

    /// <summary>The first simulated day.</summary>
    public required LocalDate FirstDay { get; init; }

    /// <summary>The last simulated day.</summary>
    public required LocalDate LastDay { get; init; }

    /// <summary>Whether the run continued an existing history.</summary>
    public required bool Continued { get; init; }

    /// <summary>The KPIs of the period (<see cref="KpiCalculator"/> over the audit log read back from the store).</summary>
    public required KpiReport Kpis { get; init; }

    /// <summary>Compliance per agreement and metric (clocks that ended in the period).</summary>
    public required IReadOnlyList<TargetCompliance> Compliance { get; init; }

    /// <summary>Open incidents at the end of each simulated day.</summary>
    public required IReadOnlyList<DailyBacklog> Backlog { get; init; }

    /// <summary>SLA compliance per week of the clocks that ended in the period.</summary>
    public required IReadOnlyList<WeeklyCompliance> WeeklyCompliance { get; init; }

    /// <summary>Problems, known errors, changes, fixes and the improvement register.</summary>
    public required PracticeReport Practices { get; init; }

    /// <summary>How incidents were routed (rules, round-robin, least-loaded) and who is on call for Network.</summary>
    public required RoutingReport Routing { get; init; }

    /// <summary>What the workflows did: each custom state's entries and records, the incidents that awaited a change.</summary>
    public required WorkflowReport Workflows { get; init; }

    /// <summary>The worst breaches of clocks active in the period, latest first.</summary>
    public required IReadOnlyList<SlaBreach> TopBreaches { get; init; }

    /// <summary>What the run did.</summary>
    public required RunActivity Activity { get; init; }

    /// <summary>Records of the tenant in the store, by type.</summary>
    public required IReadOnlyDictionary<string, int> RecordCounts { get; init; }

    /// <summary>Audit entries of the tenant in the store (all runs).</summary>
    public required int AuditEntries { get; init; }

    /// <summary>Audit entries this run wrote.</summary>
    public required int AuditEntriesThisRun { get; init; }

    /// <summary>Wall-clock time the run took.</summary>
    public required System.TimeSpan Elapsed { get; init; }
}

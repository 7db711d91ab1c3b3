using System.Collections.Generic;
using Itsm.Changes;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>One problem: what it is about, how far it got, and what it found.</summary>
/// <param name="RecordId">The problem's id.</param>
/// <param name="Symptom">Its short description (the recurring symptom).</param>
/// <param name="Service">The service.</param>
/// <param name="State">Its state at the end of the run.</param>
/// <param name="LinkedIncidents">Incidents linked to it.</param>
/// <param name="RootCause">The recorded root cause, if any.</param>
/// <param name="Workaround">The known error's workaround, if it became a known error.</param>
/// <param name="KnownErrorAt">When it became a known error.</param>
/// <param name="Changes">Changes raised to fix it.</param>
/// <param name="Resolution">How it was resolved, if it was.</param>
public sealed record ProblemLine(string RecordId, string Symptom, string? Service, string State, int LinkedIncidents, string? RootCause, string? Workaround, Instant? KnownErrorAt, int Changes, string? Resolution);

/// <summary>A configuration item incidents named, and what those incidents affect through the service model (ServiceModel.ImpactOfTicket).</summary>
/// <param name="ConfigurationItem">The configuration item.</param>
/// <param name="Incidents">Incidents that name it.</param>
/// <param name="AffectedItems">The items that depend on it, itself included.</param>
/// <param name="AffectedServices">The services that depend on any of them, and the incidents' own services.</param>
/// <param name="AffectedOfferings">Those services' offerings.</param>
/// <param name="Suppliers">The suppliers that support it.</param>
public sealed record ConfigurationItemImpact(string ConfigurationItem, int Incidents, IReadOnlyList<string> AffectedItems, IReadOnlyList<string> AffectedServices, IReadOnlyList<string> AffectedOfferings, IReadOnlyList<string> Suppliers);

/// <summary>The changes of one type opened in the period.</summary>
/// <param name="Type">The change type.</param>
/// <param name="Opened">Opened in the period.</param>
/// <param name="Closed">Of those, closed with a review outcome.</param>
/// <param name="Successful">Of those closed, successful and causing no incident.</param>
/// <param name="Failed">Of those closed, failed or backed out.</param>
public sealed record ChangeTypeLine(ChangeType Type, int Opened, int Closed, int Successful, int Failed);

/// <summary>A service's incident rate in equal windows before and after the change that removed a root cause.</summary>
/// <param name="Service">The service.</param>
/// <param name="Symptom">The symptom the fix removed.</param>
/// <param name="FixedAt">When the problem was resolved by its change.</param>
/// <param name="Span">The windows' length: before is <c>[FixedAt - Span, FixedAt)</c>, after <c>[FixedAt, FixedAt + Span)</c> (at most four weeks, as far as the history reaches on both sides).</param>
/// <param name="WorkingDays">The working days in each window.</param>
/// <param name="RateBefore">Incidents per working day in the window before.</param>
/// <param name="RateAfter">Incidents per working day in the window after.</param>
/// <param name="SymptomBefore">Incidents with the symptom in the window before.</param>
/// <param name="SymptomAfter">Incidents with the symptom in the window after.</param>
public sealed record FixEffect(string Service, string Symptom, Instant FixedAt, Duration Span, double WorkingDays, double RateBefore, double RateAfter, int SymptomBefore, int SymptomAfter);

/// <summary>One item of the improvement register.</summary>
/// <param name="Title">What is to be improved.</param>
/// <param name="Kpi">The KPI it moves.</param>
/// <param name="Baseline">The KPI before.</param>
/// <param name="Target">The KPI aimed for.</param>
/// <param name="State">Its state.</param>
/// <param name="Measured">The KPI measured after completion, if completed.</param>
/// <param name="TargetReached">Whether the measured value reached the target, if completed.</param>
public sealed record ImprovementLine(string Title, string Kpi, decimal Baseline, decimal Target, string State, decimal? Measured, bool? TargetReached);

/// <summary>SLA compliance of the clocks that ended in one week (Monday to Sunday, office time zone).</summary>
/// <param name="WeekStart">The week's Monday.</param>
/// <param name="Achieved">Clocks achieved.</param>
/// <param name="Breached">Clocks breached.</param>
public sealed record WeeklyCompliance(LocalDate WeekStart, int Achieved, int Breached)
{
    /// <summary>Achieved / (achieved + breached), or <see langword="null"/> with no ended clock.</summary>
    public double? Rate => Achieved + Breached == 0 ? null : (double)Achieved / (Achieved + Breached);
}

/// <summary>Problem management, change enablement and continual improvement over the period.</summary>
public sealed record PracticeReport
{
    /// <summary>Every problem of the tenant, oldest first.</summary>
    public required IReadOnlyList<ProblemLine> Problems { get; init; }

    /// <summary>Problems that are known errors.</summary>
    public required int KnownErrors { get; init; }

    /// <summary>Incidents resolved in the period with a known error's workaround.</summary>
    public required int ResolvedByWorkaround { get; init; }

    /// <summary>Mean wall-clock hours to resolve the problems' incidents opened before their known error existed (and how many).</summary>
    public required (double? Hours, int Count) BeforeKnownError { get; init; }

    /// <summary>Mean wall-clock hours to resolve the problems' incidents opened once their known error existed (and how many).</summary>
    public required (double? Hours, int Count) WithKnownError { get; init; }

    /// <summary>Changes opened in the period, by type.</summary>
    public required IReadOnlyList<ChangeTypeLine> ChangesByType { get; init; }

    /// <summary>The change success rate over the changes closed in the period (<see cref="Itsm.Changes.ChangeSuccessRate"/>).</summary>
    public required ChangeSuccessRate ChangeSuccess { get; init; }

    /// <summary>Incidents linked in the period to the change that caused them.</summary>
    public required int IncidentsCausedByChanges { get; init; }

    /// <summary>The distinct changes those incidents name.</summary>
    public required int ChangesCausingIncidents { get; init; }

    /// <summary>For each root cause removed in the period, the service's incident rate before and after.</summary>
    public required IReadOnlyList<FixEffect> FixEffects { get; init; }

    /// <summary>The improvement register.</summary>
    public required IReadOnlyList<ImprovementLine> Improvements { get; init; }

    /// <summary>The configuration items incidents named, with what each one's outage reaches, most incidents first.</summary>
    public required IReadOnlyList<ConfigurationItemImpact> ConfigurationItems { get; init; }
}

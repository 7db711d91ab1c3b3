using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using Itsm.BusinessTime.Tests;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// A random valid timeline on a random calendar, with the warning thresholds and profile of its
/// definition (the profile changes only <see cref="SlaStatus.DisplayStage"/>) and extra instants to evaluate at.
/// </summary>
public sealed class TimelineCase
{
    public TimelineCase(CalendarSpec calendar, SlaTimeline timeline, double[] thresholds, Duration[] offsets, SlaProfile profile = SlaProfile.Itsm)
    {
        Calendar = calendar;
        Timeline = timeline;
        Thresholds = thresholds;
        Definition = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [Priority.Critical] = Duration.FromHours(1) },
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Never },
            WarningThresholds = thresholds,
            Profile = profile,
        };
        Instants = BuildInstants(timeline, offsets);
    }

    public CalendarSpec Calendar { get; }

    public SlaTimeline Timeline { get; }

    /// <summary>The warning thresholds, as generated (unsorted, possibly repeated).</summary>
    public double[] Thresholds { get; }

    public SlaTarget Definition { get; }

    /// <summary>Instants from the first event on, sorted: every event instant and a nanosecond either side, and random ones up to days after the last event.</summary>
    public Instant[] Instants { get; }

    private static Instant[] BuildInstants(SlaTimeline timeline, Duration[] offsets)
    {
        var first = timeline[0].At;
        var set = new SortedSet<Instant>();
        foreach (var e in timeline)
        {
            set.Add(e.At);
            set.Add(e.At + Duration.FromNanoseconds(1));
            if (e.At > first)
            {
                set.Add(e.At - Duration.FromNanoseconds(1));
            }
        }

        for (int i = 1; i < timeline.Count; i++)
        {
            set.Add(timeline[i - 1].At + ((timeline[i].At - timeline[i - 1].At) / 2));
        }

        foreach (var offset in offsets)
        {
            set.Add(first + offset);
        }

        return set.ToArray();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Calendar).AppendLine();
        text.Append("profile ").Append(Definition.Profile).AppendLine();
        text.Append("thresholds [").Append(string.Join(", ", Thresholds)).Append(']').AppendLine();
        text.Append(Timeline);
        return text.ToString();
    }
}

/// <summary>A set of agreements (random declarative conditions) and a random history of snapshots.</summary>
public sealed record TrackerCase(Agreement[] Agreements, TicketChange[] History)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Agreement.ListToJson(Agreements));
        foreach (var (at, s) in History)
        {
            text.Append(at).Append(' ').Append(s.State).Append(" P").Append(s.Priority.Value)
                .Append(" hold=").Append(s.OnHoldReason).Append(" group=").Append(s.AssignmentGroup)
                .Append(" supplier=").Append(s.Supplier).Append(" service=").Append(s.Service)
                .Append(" reopened=").Append(s.GetField("attributes.reopened")).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>A random declarative agreement and snapshots to compare conditions on.</summary>
public sealed record AgreementCase(Agreement Agreement, TicketSnapshot[] Probes)
{
    public override string ToString() => Agreement.ToJson();
}

/// <summary>
/// FsCheck 3 arbitraries for SLA properties: random valid timelines built as a random walk over the
/// event kinds each phase allows (instants never decrease, whole minutes; targets from one minute to
/// 40 hours) on the random calendars of <see cref="CalendarArbitraries"/>; and random agreements
/// and snapshot histories for the tracker.
/// </summary>
public static class SlaArbitraries
{
    private static readonly string[] States = ["New", "InProgress", "OnHold", "Resolved", "Closed", "Canceled"];
    private static readonly string?[] Reasons = [null, "AwaitingCaller", "AwaitingVendor"];
    private static readonly string?[] Groups = [null, "ServiceDesk", "Network"];
    private static readonly string?[] Suppliers = [null, "Contoso", "Fabrikam"];
    private static readonly string?[] Services = [null, "Email", "Web"];
    private static readonly string?[] Reopened = [null, "true", "false"];

    public static Arbitrary<TimelineCase> Timelines() =>
        (from calendar in CalendarArbitraries.CalendarGen
         from timeline in TimelineGen(calendar)
         from thresholds in ThresholdsGen
         from offsetCount in Gen.Choose(0, 12)
         from offsets in Gen.ArrayOf(OffsetGen(timeline), offsetCount)
         from profile in Gen.Elements(SlaProfile.Itsm, SlaProfile.ServiceNow, SlaProfile.JiraServiceManagement)
         select new TimelineCase(calendar, timeline, thresholds, offsets, profile)).ToArbitrary();

    public static Arbitrary<TrackerCase> Trackers() =>
        (from agreementCount in Gen.Choose(1, 4)
         from agreements in Gen.ArrayOf(AgreementGen, agreementCount)
         from history in HistoryGen
         select new TrackerCase(agreements.Select((a, i) => Rename(a, "A" + i)).ToArray(), history)).ToArbitrary();

    public static Arbitrary<AgreementCase> Agreements() =>
        (from agreement in AgreementGen
         from count in Gen.Choose(5, 15)
         from probes in Gen.ArrayOf(SnapshotGen, count)
         select new AgreementCase(agreement, probes)).ToArbitrary();

    // Timelines.

    private enum Phase
    {
        Running,
        Paused,
        Stopped,
        Cancelled,
    }

    private static readonly (SlaEventKind Kind, int Weight)[] FromRunning =
        [(SlaEventKind.Paused, 5), (SlaEventKind.Stopped, 1), (SlaEventKind.Cancelled, 1), (SlaEventKind.Reset, 1), (SlaEventKind.Retargeted, 2)];

    private static readonly (SlaEventKind Kind, int Weight)[] FromPaused =
        [(SlaEventKind.Resumed, 5), (SlaEventKind.Stopped, 1), (SlaEventKind.Cancelled, 1), (SlaEventKind.Reset, 1), (SlaEventKind.Retargeted, 2)];

    private static readonly (SlaEventKind Kind, int Weight)[] FromStopped = [(SlaEventKind.Reset, 1)];

    /// <summary>Targets of whole minutes from one minute to 40 hours, biased to short ones so that breaches happen.</summary>
    public static Gen<int> TargetMinutesGen =>
        Gen.Frequency((3, Gen.Choose(1, 120)), (3, Gen.Choose(1, 600)), (2, Gen.Choose(1, 2400)));

    // Gaps between events: often none (events at one instant), often minutes, sometimes days.
    private static Gen<int> GapMinutesGen =>
        Gen.Frequency((2, Gen.Constant(0)), (4, Gen.Choose(1, 180)), (3, Gen.Choose(1, 1440)), (1, Gen.Choose(1, 4 * 1440)));

    private static Gen<SlaTimeline> TimelineGen(CalendarSpec calendar) =>
        from startOffset in Gen.Choose(-3 * 1440, 3 * 1440)
        from firstTarget in TargetMinutesGen
        from length in Gen.Frequency((1, Gen.Choose(0, 3)), (3, Gen.Choose(0, 19)))
        from steps in Gen.ArrayOf(
            from choice in Gen.Choose(0, 999)
            from gap in GapMinutesGen
            from target in TargetMinutesGen
            select (choice, gap, target),
            length)
        select Walk(calendar.Anchor + Duration.FromMinutes(startOffset), firstTarget, steps);

    private static SlaTimeline Walk(Instant start, int firstTarget, (int Choice, int Gap, int Target)[] steps)
    {
        var events = new List<SlaEvent> { SlaEvent.Started(start, Duration.FromMinutes(firstTarget)) };
        var phase = Phase.Running;
        var at = start;
        foreach (var (choice, gap, target) in steps)
        {
            var allowed = phase switch
            {
                Phase.Running => FromRunning,
                Phase.Paused => FromPaused,
                Phase.Stopped => FromStopped,
                _ => [],
            };
            if (allowed.Length == 0)
            {
                break;
            }

            var kind = Pick(allowed, choice);
            at += Duration.FromMinutes(gap);
            events.Add(new SlaEvent(at, kind, kind is SlaEventKind.Reset or SlaEventKind.Retargeted ? Duration.FromMinutes(target) : Duration.Zero));
            phase = kind switch
            {
                SlaEventKind.Paused => Phase.Paused,
                SlaEventKind.Resumed or SlaEventKind.Reset => Phase.Running,
                SlaEventKind.Stopped => Phase.Stopped,
                SlaEventKind.Cancelled => Phase.Cancelled,
                _ => phase,
            };
        }

        return SlaTimeline.Create(events);
    }

    private static SlaEventKind Pick((SlaEventKind Kind, int Weight)[] allowed, int choice)
    {
        int total = allowed.Sum(a => a.Weight);
        int point = choice % total;
        foreach (var (kind, weight) in allowed)
        {
            if (point < weight)
            {
                return kind;
            }

            point -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Warning thresholds: whole percentages and tenths from 0.1 to 200 (so that every threshold of
    /// a whole-minute target is a whole number of nanoseconds), sometimes repeated, sometimes none.
    /// </summary>
    private static Gen<double[]> ThresholdsGen =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(2)), (3, Gen.Choose(1, 5)))
        from values in Gen.ArrayOf(
            Gen.Frequency(
                (3, Gen.Elements(25.0, 50.0, 75.0, 90.0, 100.0, 120.0, 150.0)),
                (2, Gen.Choose(1, 200).Select(p => (double)p)),
                (1, Gen.Choose(1, 2000).Select(t => t / 10.0))),
            count)
        select values;

    // Offsets from the first event: up to the last event plus ten days, at any nanosecond.
    private static Gen<Duration> OffsetGen(SlaTimeline timeline)
    {
        long spanMinutes = (long)(timeline[^1].At - timeline[0].At).TotalMinutes + (10 * 1440);
        return from minutes in Gen.Choose(0, (int)spanMinutes)
               from nanos in Gen.Frequency((3, Gen.Constant(0L)), (1, Gen.Choose(0, 59_999_999).Select(n => n * 1000L)))
               select Duration.FromMinutes(minutes) + Duration.FromNanoseconds(nanos);
    }

    // Agreements and histories.

    private static Gen<string[]> SubsetOf(string[] values) =>
        from mask in Gen.Choose(1, (1 << values.Length) - 1)
        select values.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    private static Gen<SlaCondition> LeafGen =>
        Gen.Frequency(
            (1, Gen.Constant(SlaCondition.Always)),
            (1, Gen.Constant(SlaCondition.Never)),
            (6, SubsetOf(States).Select(s => SlaCondition.StateIn(s))),
            (2, SubsetOf(["1", "2", "3", "4", "5"]).Select(p => SlaCondition.PriorityIn(p.Select(v => new Priority(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))).ToArray()))),
            (2, SubsetOf(["AwaitingCaller", "AwaitingVendor"]).Select(r => SlaCondition.OnHoldReasonIn(r))),
            (1, SubsetOf(["ServiceDesk", "Network"]).Select(g => SlaCondition.FieldIn("assignmentGroup", g))),
            (1, SubsetOf(["Contoso", "Fabrikam"]).Select(g => SlaCondition.FieldIn("supplier", g))),
            (1, SubsetOf(["true", "false"]).Select(g => SlaCondition.FieldIn("attributes.reopened", g))));

    public static Gen<SlaCondition> ConditionGen(int depth) =>
        depth <= 0
            ? LeafGen
            : Gen.Frequency(
                (6, LeafGen),
                (1, from n in Gen.Choose(0, 3) from parts in Gen.ArrayOf(ConditionGen(depth - 1), n) select SlaCondition.All(parts)),
                (1, from n in Gen.Choose(0, 3) from parts in Gen.ArrayOf(ConditionGen(depth - 1), n) select SlaCondition.Any(parts)),
                (1, ConditionGen(depth - 1).Select(SlaCondition.Not)));

    private static Gen<SlaConditions> ConditionsGen =>
        from start in Gen.Frequency((3, SubsetOf(["New", "InProgress", "OnHold"]).Select(s => SlaCondition.StateIn(s))), (2, ConditionGen(2)))
        from stop in Gen.Frequency((3, SubsetOf(["Resolved", "Closed"]).Select(s => SlaCondition.StateIn(s))), (2, ConditionGen(2)))
        from pause in Gen.Frequency((3, Gen.Constant(SlaCondition.StateIn("OnHold"))), (2, ConditionGen(2)))
        from resume in Gen.Frequency((3, Gen.Constant<SlaCondition?>(null)), (1, ConditionGen(1).Select(c => (SlaCondition?)c)))
        from cancel in Gen.Frequency((3, Gen.Constant(SlaCondition.StateIn("Canceled"))), (1, ConditionGen(2)))
        from reset in Gen.Frequency((2, Gen.Constant(SlaCondition.Never)), (2, Gen.Constant(SlaCondition.FieldIn("attributes.reopened", ["true"]))), (1, ConditionGen(1)))
        select new SlaConditions { Start = start, Stop = stop, Pause = pause, Resume = resume, Cancel = cancel, Reset = reset };

    private static Gen<SlaTarget> TargetGen(SlaMetric metric) =>
        from priorities in Gen.Frequency((2, Gen.Constant(new[] { "1", "2", "3", "4", "5" })), (3, SubsetOf(["1", "2", "3", "4", "5"])))
        from minutes in Gen.ArrayOf(TargetMinutesGen, priorities.Length)
        from thresholds in ThresholdsGen
        from conditions in ConditionsGen
        from policy in Gen.Elements(PriorityChangePolicy.Retarget, PriorityChangePolicy.CancelAndRestartRetroactive, PriorityChangePolicy.CancelAndAttach)
        from retroactivePauses in Gen.Elements(false, true)
        from profile in Gen.Frequency((2, Gen.Constant(SlaProfile.Itsm)), (1, Gen.Constant(SlaProfile.ServiceNow)), (1, Gen.Constant(SlaProfile.JiraServiceManagement)))
        from cancelWhen in Gen.Frequency((3, Gen.Constant<SlaCancelRule?>(null)), (1, Gen.Elements<SlaCancelRule?>(SlaCancelRule.CancelConditionMet, SlaCancelRule.StartConditionNotMet, SlaCancelRule.Never)))
        from retroactiveStart in Gen.Frequency((2, Gen.Constant(SlaRetroactiveStart.None)), (1, Gen.Elements(SlaRetroactiveStart.Opened, SlaRetroactiveStart.Created)))
        select Valid(new SlaTarget
        {
            Metric = metric,
            Durations = priorities.Select((p, i) => (P: new Priority(int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)), D: Duration.FromMinutes(minutes[i])))
                .ToDictionary(x => x.P, x => x.D),
            WarningThresholds = thresholds,
            Conditions = conditions,
            PriorityChangePolicy = policy,
            RetroactivePauses = retroactivePauses,
            Profile = profile,
            CancelWhen = cancelWhen,
            RetroactiveStart = retroactiveStart,
        });

    // The combinations an agreement refuses, moved to their nearest valid neighbour.
    private static SlaTarget Valid(SlaTarget t)
    {
        if (t.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive && t.Profile != SlaProfile.Itsm)
        {
            t = t with { PriorityChangePolicy = PriorityChangePolicy.CancelAndAttach };
        }

        if (t.PriorityChangePolicy == PriorityChangePolicy.CancelAndRestartRetroactive || t.Profile == SlaProfile.JiraServiceManagement)
        {
            t = t with { RetroactiveStart = SlaRetroactiveStart.None };
        }

        return t;
    }

    private static Gen<AgreementScope> ScopeGen =>
        Gen.Frequency(
            (3, Gen.Constant(AgreementScope.Everything)),
            (1, SubsetOf(["ServiceDesk", "Network"]).Select(g => new AgreementScope { AssignmentGroups = g })),
            (1, SubsetOf(["Contoso", "Fabrikam"]).Select(s => new AgreementScope { Suppliers = s })),
            (1, SubsetOf(["Email", "Web"]).Select(s => new AgreementScope { Services = s })));

    private static Gen<Agreement> AgreementGen =>
        from kind in Gen.Elements(AgreementKind.ServiceLevelAgreement, AgreementKind.OperationalLevelAgreement, AgreementKind.UnderpinningContract)
        from scope in ScopeGen
        from targetCount in Gen.Choose(1, 2)
        from resolution in TargetGen(SlaMetric.Resolution)
        from response in TargetGen(SlaMetric.Response)
        select new Agreement("A", "Agreement", kind, scope, targetCount == 1 ? [resolution] : [response, resolution]);

    private static Agreement Rename(Agreement agreement, string id) => new(id, agreement.Name, agreement.Kind, agreement.Scope, agreement.Targets);

    private static Gen<TicketSnapshot> SnapshotGen =>
        from state in Gen.Frequency((3, Gen.Elements("New", "InProgress", "OnHold")), (1, Gen.Elements(States)))
        from priority in Gen.Choose(1, 5)
        from reason in Gen.Elements(Reasons)
        from assignmentGroup in Gen.Elements(Groups)
        from supplier in Gen.Elements(Suppliers)
        from service in Gen.Elements(Services)
        from reopened in Gen.Elements(Reopened)
        select Snapshot(state, priority, reason, assignmentGroup, supplier, service, reopened);

    private static TicketSnapshot Snapshot(string state, int priority, string? reason, string? group, string? supplier, string? service, string? reopened)
    {
        var snapshot = new TicketSnapshot
        {
            State = state,
            Priority = new Priority(priority),
            OnHoldReason = state == "OnHold" ? reason : null,
            AssignmentGroup = group,
            Supplier = supplier,
            Service = service,
        };
        return reopened is null ? snapshot : snapshot with { Attributes = new Dictionary<string, string> { ["reopened"] = reopened } };
    }

    // A history where most changes touch one or two fields, as real tickets do.
    private static Gen<TicketChange[]> HistoryGen =>
        from first in SnapshotGen
        from count in Gen.Frequency((1, Gen.Choose(0, 3)), (3, Gen.Choose(4, 20)))
        from changes in Gen.ArrayOf(
            from gap in GapMinutesGen
            from mutation in Gen.Choose(0, 9)
            from other in SnapshotGen
            select (gap, mutation, other),
            count)
        from startDay in Gen.Choose(0, 3000)
        from openedBefore in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 900)))
        from createdBefore in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 900)))
        let start = Instant.FromUtc(2020, 1, 1, 9, 0) + Duration.FromDays(startDay)
        select BuildHistory(
            start,
            first with
            {
                // Imported tickets opened (or created) before their first snapshot, sometimes "after" it.
                OpenedAt = openedBefore < 0 ? null : start - Duration.FromMinutes(openedBefore - 60),
                CreatedAt = createdBefore < 0 ? null : start - Duration.FromMinutes(createdBefore),
            },
            changes);

    private static TicketChange[] BuildHistory(Instant start, TicketSnapshot first, (int Gap, int Mutation, TicketSnapshot Other)[] changes)
    {
        var history = new List<TicketChange> { new(start, first) };
        var at = start;
        var current = first;
        foreach (var (gap, mutation, other) in changes)
        {
            at += Duration.FromMinutes(gap);
            current = mutation switch
            {
                0 or 1 or 2 => current with { State = other.State, OnHoldReason = other.OnHoldReason },
                3 or 4 => current with { Priority = other.Priority },
                5 => current with { AssignmentGroup = other.AssignmentGroup },
                6 => current with { Supplier = other.Supplier, Service = other.Service },
                7 => current with { Attributes = other.Attributes },
                _ => other,
            };
            history.Add(new TicketChange(at, current));
        }

        return history.ToArray();
    }
}

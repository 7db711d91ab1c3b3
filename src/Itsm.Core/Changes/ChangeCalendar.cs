using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.BusinessTime;
using Itsm.Common;
using Itsm.Services;
using NodaTime;
using Itsm.Text;

namespace Itsm.Changes;

/// <summary>
/// The change calendar: the scheduled changes with their windows, the blackout windows (change
/// freezes) and each service's maintenance windows. It checks a planned window for every conflict
/// at once and finds the next free slot, as ServiceNow's scheduling assistant does. Immutable and
/// thread-safe; <see cref="With"/> and <see cref="Without"/> return new calendars.
/// </summary>
/// <remarks>
/// <para>Two windows overlap when they share an instant: <c>[s1, e1)</c> and <c>[s2, e2)</c> with
/// <c>s1 &lt; e2</c> and <c>s2 &lt; e1</c> (a change ending at 02:00 and one starting at 02:00 do not
/// conflict). Changes conflict when their windows overlap and they touch a common service or
/// configuration item. A window is inside a service's maintenance windows when every instant of it
/// is working time of that service's maintenance <see cref="BusinessCalendar"/>.</para>
/// <para>With a service model (<see cref="WithServiceModel"/>), changes also conflict when their
/// windows overlap and one touches a configuration item related to one the other touches within
/// <see cref="RelatedDepth"/> hops, through relationships of any type in either direction
/// (<see cref="ServiceModel.RelatedWithin"/>): an application change and a change of the server it runs
/// on, at depth 1. Such a conflict is <see cref="ScheduleConflictKind.RelatedChange"/> and blocks, like
/// an overlap. Without a model, or at depth 0, only shared services and items conflict (the default).</para>
/// <para>Scheduled changes are indexed per service and configuration item, sorted by start, so a
/// check costs O(items x (log n + changes that start within the longest window before it)), not a
/// pass over the whole calendar.</para>
/// </remarks>
public sealed partial class ChangeCalendar
{
    private readonly Dictionary<ChangeId, ScheduledChange> _changes;
    private readonly Dictionary<string, ItemIndex> _byItem;
    private readonly BlackoutWindow[] _blackouts;
    private readonly IReadOnlyDictionary<string, BusinessCalendar> _maintenance;
    private readonly ServiceModel? _model;
    private readonly int _relatedDepth;

    /// <summary>Creates a change calendar.</summary>
    /// <param name="changes">The scheduled changes; ids must be unique.</param>
    /// <param name="blackouts">The blackout windows, or <see langword="null"/> for none.</param>
    /// <param name="maintenanceWindows">Each service's maintenance windows as a business calendar (its working time is the maintenance time); a service without one may be changed at any time. <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A change or blackout is null, or two changes share an id.</exception>
    public ChangeCalendar(IEnumerable<ScheduledChange> changes, IEnumerable<BlackoutWindow>? blackouts = null, IReadOnlyDictionary<string, BusinessCalendar>? maintenanceWindows = null)
    {
        Guard.Against.Null(changes);
        _changes = [];
        foreach (var change in changes)
        {
            if (change is null)
            {
                throw new ArgumentException("A change is null.", nameof(changes));
            }

            if (!_changes.TryAdd(change.Id, change))
            {
                throw new ArgumentException($"Change {change.Id} is listed more than once.", nameof(changes));
            }
        }

        _blackouts = blackouts?.ToArray() ?? [];
        if (Array.Exists(_blackouts, b => b is null))
        {
            throw new ArgumentException("A blackout is null.", nameof(blackouts));
        }

        _maintenance = maintenanceWindows ?? new Dictionary<string, BusinessCalendar>();
        _byItem = BuildIndex(_changes.Values);
    }

    private ChangeCalendar(ChangeCalendar source, ServiceModel? model, int relatedDepth)
    {
        _changes = source._changes;
        _byItem = source._byItem;
        _blackouts = source._blackouts;
        _maintenance = source._maintenance;
        _model = model;
        _relatedDepth = relatedDepth;
    }

    /// <summary>A calendar with no changes, blackouts or maintenance windows.</summary>
    public static ChangeCalendar Empty { get; } = new([]);

    /// <summary>The scheduled changes.</summary>
    public IReadOnlyCollection<ScheduledChange> Changes => _changes.Values;

    /// <summary>The blackout windows.</summary>
    public IReadOnlyList<BlackoutWindow> Blackouts => _blackouts;

    /// <summary>This calendar with <paramref name="change"/> scheduled (replacing a change with the same id).</summary>
    /// <param name="change">The change.</param>
    /// <returns>A new calendar.</returns>
    public ChangeCalendar With(ScheduledChange change)
    {
        Guard.Against.Null(change);
        var changes = new Dictionary<ChangeId, ScheduledChange>(_changes) { [change.Id] = change };
        return Keep(new ChangeCalendar(changes.Values, _blackouts, _maintenance));
    }

    /// <summary>This calendar without the change <paramref name="id"/>.</summary>
    /// <param name="id">The change's id.</param>
    /// <returns>A new calendar (this one when the change is not scheduled).</returns>
    public ChangeCalendar Without(ChangeId id) =>
        _changes.ContainsKey(id) ? Keep(new ChangeCalendar(_changes.Values.Where(c => c.Id != id), _blackouts, _maintenance)) : this;

    private ChangeCalendar Keep(ChangeCalendar calendar) => _model is null ? calendar : new ChangeCalendar(calendar, _model, _relatedDepth);

    /// <summary>
    /// Every conflict of <paramref name="candidate"/>'s window: each other change that touches a
    /// common service or configuration item in an overlapping window (one conflict per change, naming
    /// every shared item), each service whose maintenance windows do not contain the window, and each
    /// blackout that covers it. A change already in the calendar with the candidate's id is ignored
    /// (rescheduling a change does not conflict with itself).
    /// </summary>
    /// <param name="candidate">The change and its planned window.</param>
    /// <returns>The conflicts, overlaps first (by the other change's start), then maintenance, then blackouts; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    public IReadOnlyList<ScheduleConflict> CheckConflicts(ScheduledChange candidate)
    {
        Guard.Against.Null(candidate);
        var conflicts = new List<ScheduleConflict>();
        AddOverlaps(candidate, candidate.Window.Start, candidate.Window.End, conflicts);
        AddMaintenance(candidate, candidate.Window.Start, candidate.Window.End, conflicts);
        AddBlackouts(candidate, candidate.Window.Start, candidate.Window.End, conflicts);
        return conflicts;
    }

    /// <summary>
    /// The earliest window of the candidate's length that starts at or after
    /// <paramref name="notBefore"/>, ends by <paramref name="notAfter"/>, and has no blocking conflict.
    /// </summary>
    /// <param name="candidate">The change; its window's length is kept.</param>
    /// <param name="notBefore">The earliest start.</param>
    /// <param name="notAfter">The latest end.</param>
    /// <returns>The slot, or <see langword="null"/> when none fits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="notAfter"/> is before <paramref name="notBefore"/>.</exception>
    public Interval? FindNextFreeSlot(ScheduledChange candidate, Instant notBefore, Instant notAfter)
    {
        Guard.Against.Null(candidate);
        if (notAfter < notBefore)
        {
            throw new ArgumentException("'notAfter' must not be before 'notBefore'.", nameof(notAfter));
        }

        var length = candidate.Window.Duration;
        var start = notBefore;
        var blocking = new List<ScheduleConflict>();
        while (notAfter - start >= length)
        {
            var end = start + length;
            var next = EarliestRetry(candidate, start, end);
            if (next is null)
            {
                return new Interval(start, end);
            }

            if (next.Value <= start)
            {
                return null;
            }

            start = next.Value;
        }

        return null;
    }

    // Null when [start, end) has no blocking conflict; otherwise the earliest start worth trying
    // next: past every blocking change, blackout and maintenance gap found.
    private Instant? EarliestRetry(ScheduledChange candidate, Instant start, Instant end)
    {
        Instant? retry = null;
        void Later(Instant at) => retry = retry is Instant r && r >= at ? r : at;

        foreach (var item in Items(candidate))
        {
            if (!_byItem.TryGetValue(item, out var index))
            {
                continue;
            }

            index.ForEachOverlap(start, end, candidate.Id, other => Later(other.Window.End));
        }

        foreach (var item in RelatedItems(candidate))
        {
            if (_byItem.TryGetValue("ci:" + item, out var index))
            {
                index.ForEachOverlap(start, end, candidate.Id, other => Later(other.Window.End));
            }
        }

        bool emergency = candidate.Type == ChangeType.Emergency;
        if (!emergency)
        {
            foreach (var blackout in _blackouts)
            {
                if (blackout.Covers(candidate) && blackout.Window.Start < end && start < blackout.Window.End)
                {
                    Later(blackout.Window.End);
                }
            }

            foreach (var service in candidate.Services)
            {
                if (_maintenance.TryGetValue(service, out var calendar) && FirstGap(calendar, start, end) is Instant gap)
                {
                    Later(gap >= BusinessCalendar.MaxSupportedInstant ? Instant.MaxValue : NextWorking(calendar, gap));
                }
            }
        }

        return retry;
    }

    private void AddOverlaps(ScheduledChange candidate, Instant start, Instant end, List<ScheduleConflict> conflicts)
    {
        Dictionary<ChangeId, (ScheduledChange Change, List<string> Items)>? found = null;
        foreach (var item in Items(candidate))
        {
            if (!_byItem.TryGetValue(item, out var index))
            {
                continue;
            }

            index.ForEachOverlap(start, end, candidate.Id, other =>
            {
                found ??= [];
                if (!found.TryGetValue(other.Id, out var entry))
                {
                    found[other.Id] = entry = (other, []);
                }

                entry.Items.Add(item);
            });
        }

        if (found is not null)
        {
            AddChangeConflicts(found, ScheduleConflictKind.OverlappingChange, " in an overlapping window.", conflicts);
        }

        AddRelated(candidate, start, end, found, conflicts);
    }

    // One blocking conflict per other change, by its start, naming the items it touches.
    private static void AddChangeConflicts(Dictionary<ChangeId, (ScheduledChange Change, List<string> Items)> found, ScheduleConflictKind kind, string how, List<ScheduleConflict> conflicts)
    {
        foreach (var (other, items) in found.Values.OrderBy(f => f.Change.Window.Start).ThenBy(f => f.Change.Id.Value))
        {
            conflicts.Add(new ScheduleConflict(kind, true, other.Id.ToString(), items, $"Change {other.Id} ({other.Window}) touches {string.Join(", ", items)}{how}")
            {
                OtherChange = other.Id,
            });
        }
    }

    private void AddMaintenance(ScheduledChange candidate, Instant start, Instant end, List<ScheduleConflict> conflicts)
    {
        foreach (var service in candidate.Services)
        {
            if (_maintenance.TryGetValue(service, out var calendar) && FirstGap(calendar, start, end) is not null)
            {
                bool emergency = candidate.Type == ChangeType.Emergency;
                conflicts.Add(new ScheduleConflict(
                    ScheduleConflictKind.OutsideMaintenanceWindow,
                    !emergency,
                    service,
                    [],
                    $"The window is not inside the maintenance windows of service {service}" + (emergency ? " (allowed for an emergency change)." : ".")));
            }
        }
    }

    private void AddBlackouts(ScheduledChange candidate, Instant start, Instant end, List<ScheduleConflict> conflicts)
    {
        foreach (var blackout in _blackouts)
        {
            if (blackout.Covers(candidate) && blackout.Window.Start < end && start < blackout.Window.End)
            {
                bool emergency = candidate.Type == ChangeType.Emergency;
                conflicts.Add(new ScheduleConflict(
                    ScheduleConflictKind.Blackout,
                    !emergency,
                    blackout.Name,
                    [],
                    $"The window overlaps the blackout '{QuotedText.Of(blackout.Name)}' ({blackout.Window})" + (emergency ? "; an emergency change may pass it, and that must be audited." : "; only emergency changes may be scheduled in it.")));
            }
        }
    }

    // The first instant of [start, end) that is not maintenance time, or null when it all is.
    private static Instant? FirstGap(BusinessCalendar calendar, Instant start, Instant end)
    {
        if (start < BusinessCalendar.MinSupportedInstant || end > BusinessCalendar.MaxSupportedInstant)
        {
            return start < BusinessCalendar.MinSupportedInstant ? start : Instant.Max(start, BusinessCalendar.MaxSupportedInstant);
        }

        if (calendar.Between(start, end) == end - start)
        {
            return null;
        }

        // [start, x) is all maintenance time up to the first gap: binary search for it.
        long lo = 0;
        long hi = (end - start).ToInt64Nanoseconds();
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            var x = start.PlusNanoseconds(mid);
            if (calendar.Between(start, x) == x - start)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return start.PlusNanoseconds(lo);
    }

    private static Instant NextWorking(BusinessCalendar calendar, Instant at)
    {
        try
        {
            return calendar.NextWorkingInstant(at);
        }
        catch (NoWorkingTimeException)
        {
            return Instant.MaxValue;
        }
    }

    private static IEnumerable<string> Items(ScheduledChange change)
    {
        foreach (var service in change.Services)
        {
            yield return "service:" + service;
        }

        foreach (var item in change.ConfigurationItems)
        {
            yield return "ci:" + item;
        }
    }

    private static Dictionary<string, ItemIndex> BuildIndex(IEnumerable<ScheduledChange> changes)
    {
        var lists = new Dictionary<string, List<ScheduledChange>>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            foreach (var item in Items(change))
            {
                if (!lists.TryGetValue(item, out var list))
                {
                    lists[item] = list = [];
                }

                list.Add(change);
            }
        }

        var index = new Dictionary<string, ItemIndex>(lists.Count, StringComparer.Ordinal);
        foreach (var (item, list) in lists)
        {
            index[item] = new ItemIndex(list);
        }

        return index;
    }

    // The changes touching one item, sorted by start, with the longest window's length: a change
    // that starts more than that before a window cannot reach into it.
    private sealed class ItemIndex
    {
        private readonly Instant[] _starts;
        private readonly ScheduledChange[] _changes;
        private readonly Duration _longest;

        internal ItemIndex(List<ScheduledChange> changes)
        {
            _changes = changes.OrderBy(c => c.Window.Start).ThenBy(c => c.Id.Value).ToArray();
            _starts = Array.ConvertAll(_changes, c => c.Window.Start);
            _longest = _changes.Length == 0 ? Duration.Zero : _changes.Max(c => c.Window.Duration);
        }

        internal void ForEachOverlap(Instant start, Instant end, ChangeId exclude, Action<ScheduledChange> action)
        {
            var from = start - Instant.MinValue > _longest ? start - _longest : Instant.MinValue;
            for (int i = FirstAtOrAfter(from); i < _starts.Length && _starts[i] < end; i++)
            {
                var change = _changes[i];
                if (change.Window.End > start && change.Id != exclude)
                {
                    action(change);
                }
            }
        }

        private int FirstAtOrAfter(Instant at)
        {
            int lo = 0;
            int hi = _starts.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_starts[mid] < at)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}

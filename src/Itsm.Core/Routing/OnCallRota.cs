using System;
using System.Collections.Generic;
using Itsm.Services;
using NodaTime;

namespace Itsm.Routing;

/// <summary>The on-call schedules of several support groups: answers "who is on call for group G at instant t".</summary>
/// <remarks>
/// Immutable and thread-safe. The schedules keep the order they were given in (<see cref="Groups"/>): the order
/// <see cref="RoutingDefinition.ToJson"/> writes and <see cref="RoutingDefinition.FromJson"/> reads them in, so a
/// document's order survives a round trip. The order is explicit, not a dictionary's enumeration order.
/// </remarks>
public sealed class OnCallRota
{
    private readonly Dictionary<SupportGroupId, OnCallSchedule> _schedules = [];

    // The groups in the order their schedules were given: Dictionary's enumeration order is not specified.
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<SupportGroupId> _groups;

    /// <summary>Creates the rota.</summary>
    /// <param name="schedules">One schedule per group.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedules"/> is null.</exception>
    /// <exception cref="ArgumentException">A schedule is null, or two are for the same group.</exception>
    public OnCallRota(IEnumerable<OnCallSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var groups = new List<SupportGroupId>();
        foreach (var schedule in schedules)
        {
            if (schedule is null)
            {
                throw new ArgumentException("A schedule is null.", nameof(schedules));
            }

            if (!_schedules.TryAdd(schedule.Group, schedule))
            {
                throw new ArgumentException($"Two schedules are for the group '{Itsm.Text.QuotedText.Of(schedule.Group.Value)}'.", nameof(schedules));
            }

            groups.Add(schedule.Group);
        }

        _groups = groups.AsReadOnly();
    }

    /// <summary>The groups that have a schedule, in the order their schedules were given to the constructor (a routing document's order).</summary>
    public IReadOnlyCollection<SupportGroupId> Groups => _groups;

    /// <summary>The schedule of a group.</summary>
    /// <param name="group">The group.</param>
    /// <param name="schedule">Its schedule, when it has one.</param>
    /// <returns><see langword="true"/> when the group has a schedule.</returns>
    public bool TryGetSchedule(SupportGroupId group, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OnCallSchedule? schedule) =>
        _schedules.TryGetValue(group, out schedule);

    /// <summary>Who is on call for <paramref name="group"/> at <paramref name="instant"/>.</summary>
    /// <param name="group">The group.</param>
    /// <param name="instant">The instant.</param>
    /// <returns>The answer (see <see cref="OnCallSchedule.OnCallAt"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="group"/> has no schedule.</exception>
    public OnCallAnswer OnCallAt(SupportGroupId group, Instant instant) =>
        _schedules.TryGetValue(group, out var schedule)
            ? schedule.OnCallAt(instant)
            : throw new ArgumentException($"The group '{Itsm.Text.QuotedText.Of(group.Value)}' has no on-call schedule.", nameof(group));
}

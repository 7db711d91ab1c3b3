using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Routing;

/// <summary>
/// A rotation of an on-call layer: its participants take turns, handing off every <see cref="HandoffEvery"/> of
/// local time from <see cref="FirstHandoff"/>, in <see cref="Zone"/> (PagerDuty's and Opsgenie's rotation: a
/// participant list, a turn length and a start).
/// </summary>
/// <remarks>
/// <para>
/// Handoffs are wall-clock times: handoff <c>k</c> is at the local time <c>FirstHandoff + k × HandoffEvery</c>, so a
/// weekly handoff on Monday 09:00 Europe/London stays at 09:00 local in summer and in winter (its instants are 7 days
/// ± 1 hour apart across a DST change), and participant <c>k mod n</c> is on call from handoff <c>k</c> to handoff
/// <c>k + 1</c>. Nobody is on call before the first handoff.
/// </para>
/// <para>
/// At DST transitions a handoff's local time is mapped to one instant, explicitly: in a gap (the local time does
/// not exist, for example 01:30 on the day London springs forward) the handoff is at the end of the gap, the instant
/// the clocks jump; in an overlap (the local time occurs twice, for example 01:30 on the day London falls back) it is
/// at the earlier occurrence, so the outgoing participant does not serve the repeated hour twice. Handoffs shorter
/// than a gap can map two handoffs to the same instant: the earlier one's turn is then empty.
/// </para>
/// <para>
/// Cost: <see cref="IndexAt"/> is arithmetic on local time, constant however far the instant is from the first handoff
/// (a few more handoff mappings next to a DST transition), never a walk over the handoffs.
/// </para>
/// </remarks>
public sealed class Rotation
{
    /// <summary>The shortest handoff length accepted: one minute.</summary>
    public static readonly Period MinimumHandoff = Period.FromMinutes(1);

    /// <summary>The longest handoff length accepted: 366 days.</summary>
    public static readonly Period MaximumHandoff = Period.FromDays(366);

    private readonly string[] _participants;
    private readonly long _firstTicks;
    private readonly long _lengthTicks;

    /// <summary>Creates a rotation.</summary>
    /// <param name="participants">The participants in turn order; a person may appear more than once (to take two turns per cycle).</param>
    /// <param name="handoffEvery">
    /// The turn length in local time: weeks, days, hours, minutes and seconds (for example <c>Period.FromWeeks(1)</c>);
    /// a day is a calendar day of 23, 24 or 25 hours. From <see cref="MinimumHandoff"/> to <see cref="MaximumHandoff"/>.
    /// </param>
    /// <param name="firstHandoff">The local date and time of the first handoff, when the first participant's first turn starts.</param>
    /// <param name="zone">The time zone the handoffs keep their wall-clock time in.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="participants"/> is empty, holds more than <see cref="FieldLimits.Items"/> entries or a blank or too
    /// long id; or <paramref name="handoffEvery"/> has months or years, or lies outside the accepted range.
    /// </exception>
    public Rotation(IEnumerable<string> participants, Period handoffEvery, LocalDateTime firstHandoff, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(handoffEvery);
        ArgumentNullException.ThrowIfNull(zone);
        _participants = participants.ToArray();
        if (_participants.Length == 0)
        {
            throw new ArgumentException("A rotation needs at least one participant.", nameof(participants));
        }

        FieldCheck.Count(_participants, FieldLimits.Items, nameof(participants));
        foreach (var participant in _participants)
        {
            Names.Required(participant, nameof(participants));
        }

        if (handoffEvery.Years != 0 || handoffEvery.Months != 0)
        {
            throw new ArgumentException("The handoff length must be in weeks, days, hours, minutes or seconds: months and years have no fixed length.", nameof(handoffEvery));
        }

        var length = handoffEvery.ToDuration();
        if (length < MinimumHandoff.ToDuration() || length > MaximumHandoff.ToDuration())
        {
            throw new ArgumentException($"The handoff length {handoffEvery} is outside {MinimumHandoff} to {MaximumHandoff}.", nameof(handoffEvery));
        }

        Participants = _participants;
        HandoffEvery = handoffEvery;
        FirstHandoff = firstHandoff;
        Zone = zone;
        _firstTicks = LocalTicks(firstHandoff);
        _lengthTicks = length.BclCompatibleTicks;
    }

    /// <summary>The participants in turn order.</summary>
    public IReadOnlyList<string> Participants { get; }

    /// <summary>The turn length in local time.</summary>
    public Period HandoffEvery { get; }

    /// <summary>The local date and time of the first handoff.</summary>
    public LocalDateTime FirstHandoff { get; }

    /// <summary>The time zone of the handoffs' wall-clock times.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The local date and time of handoff <paramref name="index"/> (0 is the first).</summary>
    /// <param name="index">The handoff's number; negative numbers count back before the first (useful for arithmetic, never on call).</param>
    /// <returns>The local date and time.</returns>
    public LocalDateTime LocalHandoff(long index) => FromLocalTicks(_firstTicks + (index * _lengthTicks));

    /// <summary>The instant of handoff <paramref name="index"/>: its local time in <see cref="Zone"/>, at the end of a DST gap, or the earlier of two occurrences.</summary>
    /// <param name="index">The handoff's number (0 is the first).</param>
    /// <returns>The instant.</returns>
    public Instant HandoffInstant(long index) => Resolve(Zone, LocalHandoff(index));

    /// <summary>The number of the last handoff at or before <paramref name="instant"/>, or -1 before the first.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The handoff's number.</returns>
    public long IndexAt(Instant instant)
    {
        long local = LocalTicks(instant.InZone(Zone).LocalDateTime);
        long index = FloorDivide(local - _firstTicks, _lengthTicks);

        // Local arithmetic is exact away from transitions; next to one the local time of the instant and the
        // handoffs' mapping can disagree by the offset change, so step to the exact handoff: a few steps at most.
        while (HandoffInstant(index + 1) <= instant)
        {
            index++;
        }

        while (index >= 0 && HandoffInstant(index) > instant)
        {
            index--;
        }

        return index < 0 ? -1 : index;
    }

    /// <summary>The participant whose turn it is at <paramref name="instant"/>, or <see langword="null"/> before the first handoff.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The participant, or <see langword="null"/>.</returns>
    public string? ParticipantAt(Instant instant)
    {
        long index = IndexAt(instant);
        return index < 0 ? null : ParticipantOf(index);
    }

    /// <summary>The participant of turn <paramref name="index"/>.</summary>
    /// <param name="index">A handoff's number, 0 or more.</param>
    /// <returns>The participant.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public string ParticipantOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _participants[index % _participants.Length];
    }

    /// <summary>A local time's instant for a boundary: itself, the end of its gap, or the earlier of two occurrences.</summary>
    internal static Instant Resolve(DateTimeZone zone, LocalDateTime local)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count == 0 ? mapping.LateInterval.Start : mapping.First().ToInstant();
    }

    private static long LocalTicks(LocalDateTime local) => local.InUtc().ToInstant().ToUnixTimeTicks();

    private static LocalDateTime FromLocalTicks(long ticks) => Instant.FromUnixTimeTicks(ticks).InUtc().LocalDateTime;

    private static long FloorDivide(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}

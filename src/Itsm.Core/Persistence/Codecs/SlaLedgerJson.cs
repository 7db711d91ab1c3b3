using System;
using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Sla;
using NodaTime;
using N = Itsm.Persistence.StateNames;

namespace Itsm.Persistence;

/// <summary>
/// A ticket's <see cref="SlaLedger"/> in its stored state, under <c>"sla"</c>:
/// <c>{"openedAt", "lastAt", "tracks": [{"agreement", "metric", "cycle", "priority", "previousStart",
/// "previousReset", "clock", "shadows": [{"clock", "crossed"}], "retroShadows"?: [{"clock", "crossed"}], "calendar"?}],
/// "crossed": [threshold], "ticketOpenedAt"?, "ticketCreatedAt"?}</c> (the optional fields only when they
/// hold something other than their default; a track's <c>"calendar"</c> is the calendar the host's
/// <see cref="SlaCalendarResolver"/> chose for its clock, absent for the target's own); a clock is
/// <c>{"phase", "startedAt", "lastEventAt", "target", "elapsed", "paused", "breachAt", "everBreached"}</c>
/// or null before the first, durations as whole nanoseconds; a shadow's crossings are
/// <c>{"percent", "dueAt"}</c> (its track names the agreement and metric). Its size depends on the
/// agreements, never on the ticket's history, and it is read and written without a string per value.
/// </summary>
internal static class SlaLedgerJson
{
    private const long NanosecondsPerDay = 86_400_000_000_000;

    // Whole days inside Duration's range (about ±16.7 million days): a larger stored number would overflow
    // Duration.FromDays or the addition below instead of failing as a corrupt field.
    private static readonly decimal MaxDurationNanoseconds = (decimal)(Duration.MaxValue.Days - 1) * NanosecondsPerDay;

    // Days a duration in whole nanoseconds can span and still fit a long (106,000 days is about 9.2e18 ns).
    private const int LongDurationDays = 106_000;

    internal static void WriteSlaLedger(this Utf8JsonWriter w, string name, SlaLedger ledger)
    {
        w.WriteStartObject(name);
        w.WriteInstant(N.OpenedAt, ledger.OpenedAt);
        if (ledger.Ticket is { } ticket && (ticket.OpenedAt != ticket.FirstAt || ticket.CreatedAt != ticket.FirstAt))
        {
            w.WriteInstant(N.TicketOpenedAt, ticket.OpenedAt);
            w.WriteInstant(N.TicketCreatedAt, ticket.CreatedAt);
        }

        w.WriteInstant(N.LastAt, ledger.LastAt);
        w.WriteStartArray(N.Tracks);
        foreach (var track in ledger.Tracks)
        {
            w.WriteStartObject();
            w.WriteString(N.Agreement, track.AgreementId);
            w.WriteString(N.Metric, track.Metric.Name);
            w.WriteNumber(N.Cycle, track.Progress.Cycle);
            if (track.Progress.Priority.Value == 0)
            {
                w.WriteNull(N.Priority);
            }
            else
            {
                w.WriteNumber(N.Priority, track.Progress.Priority.Value);
            }

            w.WriteBoolean(N.PreviousStart, track.Progress.PreviousStart);
            w.WriteBoolean(N.PreviousReset, track.Progress.PreviousReset);
            WriteClock(w, N.Clock, track.Clock);
            WriteShadows(w, N.Shadows, track.Shadows);
            if (track.RetroShadows.Length > 0)
            {
                WriteShadows(w, N.RetroShadows, track.RetroShadows);
            }

            if (track.Calendar is not null)
            {
                w.WriteString(N.Calendar, track.Calendar);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteThresholds(w, N.Crossed, ledger.Crossed);
        w.WriteEndObject();
    }

    // The ledger the engine knows the text being read holds (WrittenLedgers), for the one read it is set for.
    [ThreadStatic]
    private static SlaLedger? t_known;

    /// <summary>
    /// Runs <paramref name="decode"/> with <paramref name="known"/> as the ledger its state's <c>"sla"</c> holds:
    /// the caller vouches that the text being decoded is exactly the text that ledger was written in.
    /// </summary>
    internal static T WithKnownLedger<T, TState>(SlaLedger? known, TState state, Func<TState, T> decode)
    {
        t_known = known;
        try
        {
            return decode(state);
        }
        finally
        {
            t_known = null;
        }
    }

    /// <summary>The ledger under <paramref name="name"/>: the known one when the caller vouched for the text (taken once), else read.</summary>
    internal static SlaLedger ReadOrKnownSlaLedger(this StateReader r, string name)
    {
        if (t_known is { } known)
        {
            t_known = null;
            return known;
        }

        return r.ReadSlaLedger(name);
    }

    internal static SlaLedger ReadSlaLedger(this StateReader r, string name)
    {
        var o = r.Object(name);

        // Read in the order written, so each field is the next one the document holds.
        SlaTicketStart? ticket = null;
        if (o.NullableInstant("openedAt") is { } firstAt)
        {
            // Written only when they differ from the first snapshot's instant (and absent before retroactive starts).
            var opened = o.Has("ticketOpenedAt") ? o.Instant("ticketOpenedAt") : firstAt;
            var created = o.Has("ticketCreatedAt") ? o.Instant("ticketCreatedAt") : firstAt;
            if (opened > firstAt || created > firstAt)
            {
                throw o.Error(opened > firstAt ? "ticketOpenedAt" : "ticketCreatedAt", "must not be after openedAt");
            }

            ticket = new SlaTicketStart(firstAt, opened, created);
        }

        var lastAt = o.NullableInstant("lastAt");
        var items = o.Items("tracks");
        var tracks = items.Count == 0 ? [] : new SlaLedgerTrack[items.Count];
        for (int i = 0; i < tracks.Length; i++)
        {
            var t = items[i];
            var agreement = t.String("agreement");
            var metric = new SlaMetric(t.String("metric"));
            int cycle = t.Int("cycle");
            if (cycle < -1)
            {
                throw t.Error("cycle", "must be -1 or more");
            }

            var priority = t.IsNull("priority") ? default : t.Priority("priority");
            if (priority.Value == 0 && cycle >= 0)
            {
                throw t.Error("priority", "must be a priority from 1 to 5 once a clock has started");
            }

            tracks[i] = new SlaLedgerTrack(
                agreement,
                metric,
                new SlaTargetProgress(cycle, priority, t.Bool("previousStart"), t.Bool("previousReset")),
                ReadClock(t, "clock"),
                ReadShadows(t, "shadows", agreement, metric),
                t.Has("retroShadows") ? ReadShadows(t, "retroShadows", agreement, metric) : [],
                t.Has("calendar") ? t.String("calendar") : null);
        }

        return new SlaLedger(ticket, lastAt, tracks, ReadThresholds(o, "crossed"));
    }

    private static void WriteShadows(Utf8JsonWriter w, JsonEncodedText name, SlaLedgerShadow[] shadows)
    {
        w.WriteStartArray(name);
        foreach (var shadow in shadows)
        {
            w.WriteStartObject();
            WriteClock(w, N.Clock, shadow.Clock);
            WritePercents(w, N.Crossed, shadow.Crossings);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static SlaLedgerShadow[] ReadShadows(StateReader t, string name, string agreement, SlaMetric metric)
    {
        var items = t.Items(name);
        var shadows = new SlaLedgerShadow[items.Count];
        for (int i = 0; i < shadows.Length; i++)
        {
            var clock = ReadClock(items[i], "clock");
            if (!clock.HasStarted)
            {
                throw items[i].Error("clock", "must be a started clock");
            }

            shadows[i] = new SlaLedgerShadow(clock, ReadPercents(items[i], "crossed", agreement, metric));
        }

        return shadows;
    }

    private static void WriteClock(Utf8JsonWriter w, JsonEncodedText name, SlaClockState clock)
    {
        if (!clock.HasStarted)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteEnum(N.Phase, clock.Phase);
        w.WriteInstant(N.StartedAt, clock.StartedAt);
        w.WriteInstant(N.LastEventAt, clock.LastEventAt);
        WriteDuration(w, N.Target, clock.Target);
        WriteDuration(w, N.Elapsed, clock.Elapsed);
        WriteDuration(w, N.Paused, clock.Paused);
        w.WriteInstant(N.BreachAt, clock.BreachAt);
        w.WriteBoolean(N.EverBreached, clock.EverBreached);
        w.WriteEndObject();
    }

    private static SlaClockState ReadClock(StateReader r, string name)
    {
        if (r.NullableObject(name) is not { } c)
        {
            return SlaClockState.Initial;
        }

        var phase = c.Enum<ClockPhase>("phase");
        if (phase == ClockPhase.NotStarted)
        {
            throw c.Error("phase", "must be a started phase (a clock not started is null)");
        }

        var startedAt = c.Instant("startedAt");
        var lastEventAt = c.Instant("lastEventAt");
        if (lastEventAt < startedAt)
        {
            throw c.Error("lastEventAt", "must not be before startedAt");
        }

        var target = ReadDuration(c, "target");
        if (target <= Duration.Zero)
        {
            throw c.Error("target", "must be positive");
        }

        var elapsed = ReadDuration(c, "elapsed");
        var paused = ReadDuration(c, "paused");
        if (elapsed < Duration.Zero || paused < Duration.Zero)
        {
            throw c.Error(elapsed < Duration.Zero ? "elapsed" : "paused", "must not be negative");
        }

        return SlaClockState.FromParts(phase, startedAt, lastEventAt, target, elapsed, paused, c.NullableInstant("breachAt"), c.Bool("everBreached"));
    }

    // Whole nanoseconds as a JSON number, exact for any duration a clock can hold: a long for about 292 years either
    // way (much cheaper to format), a decimal (28 digits, the same digits) for the rest of NodaTime's range.
    internal static void WriteDuration(Utf8JsonWriter w, JsonEncodedText name, Duration duration)
    {
        if (duration.Days is > -LongDurationDays and < LongDurationDays)
        {
            w.WriteNumber(name, ((long)duration.Days * NanosecondsPerDay) + duration.NanosecondOfDay);
        }
        else
        {
            w.WriteNumber(name, ((decimal)duration.Days * NanosecondsPerDay) + duration.NanosecondOfDay);
        }
    }

    internal static Duration ReadDuration(StateReader r, string name)
    {
        var nanoseconds = r.Decimal(name);
        if (nanoseconds != decimal.Truncate(nanoseconds) || Math.Abs(nanoseconds) > MaxDurationNanoseconds)
        {
            throw r.Error(name, "must be a duration in whole nanoseconds, within NodaTime's range");
        }

        var days = decimal.Floor(nanoseconds / NanosecondsPerDay);
        return Duration.FromDays((int)days) + Duration.FromNanoseconds((long)(nanoseconds - (days * NanosecondsPerDay)));
    }

    private static void WritePercents(Utf8JsonWriter w, JsonEncodedText name, SlaThresholdReached[] thresholds)
    {
        w.WriteStartArray(name);
        foreach (var threshold in thresholds)
        {
            w.WriteStartObject();
            w.WriteNumber(N.Percent, threshold.ThresholdPercent);
            w.WriteInstant(N.DueAt, threshold.DueAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static SlaThresholdReached[] ReadPercents(StateReader r, string name, string agreement, SlaMetric metric)
    {
        var items = r.Items(name);
        var result = items.Count == 0 ? [] : new SlaThresholdReached[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var t = items[i];
            var percent = Percent(t);
            result[i] = new SlaThresholdReached(agreement, metric, percent, SlaThresholdReached.KindOf(percent), t.Instant("dueAt"));
        }

        return result;
    }

    private static double Percent(StateReader t)
    {
        var percent = t.Double("percent");
        return percent > 0 ? percent : throw t.Error("percent", "must be positive");
    }

    private static void WriteThresholds(Utf8JsonWriter w, JsonEncodedText name, SlaThresholdReached[] thresholds)
    {
        w.WriteStartArray(name);
        foreach (var threshold in thresholds)
        {
            w.WriteStartObject();
            w.WriteString(N.Agreement, threshold.AgreementId);
            w.WriteString(N.Metric, threshold.Metric.Name);
            w.WriteNumber(N.Percent, threshold.ThresholdPercent);
            w.WriteInstant(N.DueAt, threshold.DueAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static SlaThresholdReached[] ReadThresholds(StateReader r, string name)
    {
        var items = r.Items(name);
        var result = items.Count == 0 ? [] : new SlaThresholdReached[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var t = items[i];
            var percent = Percent(t);
            result[i] = new SlaThresholdReached(t.String("agreement"), new SlaMetric(t.String("metric")), percent, SlaThresholdReached.KindOf(percent), t.Instant("dueAt"));
        }

        return result;
    }
}

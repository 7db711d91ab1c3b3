using System.Collections.Generic;
using System.Text.Json;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Sla;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Benchmarks;

/// <summary>
/// The pre-issue-18 baseline's copy of SlaLedgerJson, on <see cref="DomStateReader"/>: a ticket's <see cref="SlaLedger"/> in its stored state, under <c>"sla"</c>:
/// <c>{"openedAt", "lastAt", "tracks": [{"agreement", "metric", "cycle", "priority", "previousStart",
/// "previousReset", "clock", "shadows": [{"clock", "crossed"}]}], "crossed": [threshold]}</c>; a clock is
/// <c>{"phase", "startedAt", "lastEventAt", "target", "elapsed", "paused", "breachAt", "everBreached"}</c>
/// or null before the first, durations in NodaTime's round-trip pattern. Its size depends on the
/// agreements, never on the ticket's history.
/// </summary>
internal static class DomSlaLedgerJson
{
    private static readonly DurationPattern Durations = DurationPattern.Roundtrip;

    internal static void DomWriteSlaLedger(this Utf8JsonWriter w, string name, SlaLedger ledger)
    {
        w.WriteStartObject(name);
        w.DomWriteInstant("openedAt", ledger.OpenedAt);
        w.DomWriteInstant("lastAt", ledger.LastAt);
        w.WriteStartArray("tracks");
        foreach (var track in ledger.Tracks)
        {
            w.WriteStartObject();
            w.WriteString("agreement", track.AgreementId);
            w.WriteString("metric", track.Metric.Name);
            w.WriteNumber("cycle", track.Progress.Cycle);
            if (track.Progress.Priority.Value == 0)
            {
                w.WriteNull("priority");
            }
            else
            {
                w.WriteNumber("priority", track.Progress.Priority.Value);
            }

            w.WriteBoolean("previousStart", track.Progress.PreviousStart);
            w.WriteBoolean("previousReset", track.Progress.PreviousReset);
            WriteClock(w, "clock", track.Clock);
            w.WriteStartArray("shadows");
            foreach (var shadow in track.Shadows)
            {
                w.WriteStartObject();
                WriteClock(w, "clock", shadow.Clock);
                WriteThresholds(w, "crossed", shadow.Crossings);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteThresholds(w, "crossed", ledger.Crossed);
        w.WriteEndObject();
    }

    internal static SlaLedger DomReadSlaLedger(this DomStateReader r, string name)
    {
        var o = r.Object(name);
        var tracks = new List<SlaLedgerTrack>();
        foreach (var t in o.Items("tracks"))
        {
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

            var shadows = new List<SlaLedgerShadow>();
            foreach (var s in t.Items("shadows"))
            {
                shadows.Add(new SlaLedgerShadow(ReadClock(s, "clock"), ReadThresholds(s, "crossed")));
            }

            tracks.Add(new SlaLedgerTrack(
                t.String("agreement"),
                new SlaMetric(t.String("metric")),
                new SlaTargetProgress(cycle, priority, t.Bool("previousStart"), t.Bool("previousReset")),
                ReadClock(t, "clock"),
                shadows.ToArray()));
        }

        return new SlaLedger(o.NullableInstant("openedAt"), o.NullableInstant("lastAt"), tracks.ToArray(), ReadThresholds(o, "crossed"));
    }

    private static void WriteClock(Utf8JsonWriter w, string name, SlaClockState clock)
    {
        if (!clock.HasStarted)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("phase", clock.Phase.ToString());
        w.DomWriteInstant("startedAt", clock.StartedAt);
        w.DomWriteInstant("lastEventAt", clock.LastEventAt);
        w.WriteString("target", Durations.Format(clock.Target));
        w.WriteString("elapsed", Durations.Format(clock.Elapsed));
        w.WriteString("paused", Durations.Format(clock.Paused));
        w.DomWriteInstant("breachAt", clock.BreachAt);
        w.WriteBoolean("everBreached", clock.EverBreached);
        w.WriteEndObject();
    }

    private static SlaClockState ReadClock(DomStateReader r, string name)
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

    private static Duration ReadDuration(DomStateReader r, string name)
    {
        var text = r.String(name);
        var parsed = Durations.Parse(text);
        return parsed.Success ? parsed.Value : throw r.Error(name, "must be a duration in NodaTime's round-trip pattern (-D:hh:mm:ss.fffffffff)");
    }

    private static void WriteThresholds(Utf8JsonWriter w, string name, SlaThresholdReached[] thresholds)
    {
        w.WriteStartArray(name);
        foreach (var threshold in thresholds)
        {
            w.WriteStartObject();
            w.WriteString("agreement", threshold.AgreementId);
            w.WriteString("metric", threshold.Metric.Name);
            w.WriteNumber("percent", threshold.ThresholdPercent);
            w.DomWriteInstant("dueAt", threshold.DueAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static SlaThresholdReached[] ReadThresholds(DomStateReader r, string name)
    {
        var items = r.Items(name);
        var result = new SlaThresholdReached[items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var t = items[i];
            var percent = t.Double("percent");
            if (percent <= 0)
            {
                throw t.Error("percent", "must be positive");
            }

            result[i] = new SlaThresholdReached(t.String("agreement"), new SlaMetric(t.String("metric")), percent, SlaThresholdReached.KindOf(percent), t.Instant("dueAt"));
        }

        return result;
    }
}

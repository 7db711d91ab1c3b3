using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Itsm.Diagnostics;

namespace Itsm.Tests.Telemetry;

/// <summary>One measurement of an Itsm instrument, with its tags.</summary>
internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens, as a host's OpenTelemetry SDK would, to the Itsm activity sources and meters: the activities that
/// stop inside this capture's root activity, and every measurement while it is open. The instruments are
/// static, so tests using it run in the <see cref="TelemetryCollection"/>, alone.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("Itsm.Tests.Telemetry");
    private static readonly string[] Names = [ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName, ItsmTelemetry.HostingName, "Itsm.Tests.Telemetry"];

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly Activity _root;

    public TelemetryCapture(bool activities = true, bool metrics = true)
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => activities && Names.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (metrics && Names.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _meters.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _meters.Start();
        _root = (activities ? TestSource.StartActivity("test") : null) ?? new Activity("test").Start();
    }

    /// <summary>The Itsm activities that stopped under this capture's root, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Activities =>
        _stopped.Where(a => a.TraceId == _root.TraceId && a.Source.Name != "Itsm.Tests.Telemetry").ToList();

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    public IEnumerable<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument);

    public void Dispose()
    {
        _root.Stop();
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
    }
}

/// <summary>The tests that listen to the static Itsm instruments: run alone, so no other test's commands are counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

using System;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq;
using Itsm.Common;

namespace Itsm.Hosting.Tests.Support;

/// <summary>Listens to the counters of the meter "Itsm.Hosting".</summary>
internal sealed class CounterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Counter, long Value, string? Tenant, string? Consumer)> _measurements = new();

    public CounterListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Itsm.Hosting")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tenant = null, consumer = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "itsm.tenant")
                {
                    tenant = tag.Value as string;
                }
                else if (tag.Key == "itsm.consumer")
                {
                    consumer = tag.Value as string;
                }
            }

            _measurements.Enqueue((instrument.Name, value, tenant, consumer));
        });
        _listener.Start();
    }

    public long Sum(string counter, TenantId tenant, string consumer) =>
        _measurements.Where(m => m.Counter == counter && m.Tenant == tenant.Value && m.Consumer == consumer).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}

using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Itsm.Common;

namespace Itsm.Hosting;

/// <summary>
/// The dispatcher's counters on the meter <c>Itsm.Hosting</c>, each tagged with <c>itsm.tenant</c> and
/// <c>itsm.consumer</c>: <c>itsm.feed.delivered</c>, <c>itsm.feed.retried</c> (failed attempts followed by a
/// retry) and <c>itsm.feed.parked</c>.
/// </summary>
internal sealed class FeedMetrics : IDisposable
{
    public const string MeterName = "Itsm.Hosting";
    internal const string TenantTag = "itsm.tenant";
    internal const string ConsumerTag = "itsm.consumer";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _parked;

    /// <param name="factory">The host's meter factory (registered by <c>AddMetrics</c>, which every .NET 8+ host calls); without one, a meter of this instance's own.</param>
    public FeedMetrics(IMeterFactory? factory)
    {
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _delivered = _meter.CreateCounter<long>("itsm.feed.delivered", "{event}", "Feed entries a handler handled.");
        _retried = _meter.CreateCounter<long>("itsm.feed.retried", "{attempt}", "Failed handler attempts that will be retried.");
        _parked = _meter.CreateCounter<long>("itsm.feed.parked", "{event}", "Feed entries parked after their last attempt failed.");
    }

    public void Delivered(TenantId tenant, string consumer) => _delivered.Add(1, Tags(tenant, consumer));

    public void Retried(TenantId tenant, string consumer) => _retried.Add(1, Tags(tenant, consumer));

    public void Parked(TenantId tenant, string consumer) => _parked.Add(1, Tags(tenant, consumer));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?>[] Tags(TenantId tenant, string consumer) =>
        [new(TenantTag, tenant.Value), new(ConsumerTag, consumer)];
}

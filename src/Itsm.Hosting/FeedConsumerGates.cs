using System.Collections.Concurrent;
using Itsm.Common;

namespace Itsm.Hosting;

/// <summary>The gates of every (tenant, consumer) of this process, shared by the dispatcher and <see cref="ItsmFeedAdmin"/>.</summary>
internal sealed class FeedConsumerGates
{
    private readonly ConcurrentDictionary<(TenantId Tenant, string Consumer), FeedConsumerGate> _gates = new();

    public FeedConsumerGate For(TenantId tenant, string consumer) => _gates.GetOrAdd((tenant, consumer), static _ => new FeedConsumerGate());
}

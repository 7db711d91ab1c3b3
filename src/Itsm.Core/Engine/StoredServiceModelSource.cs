using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using NodaTime;

namespace Itsm.Engine;

/// <summary>
/// The tenant's stored service model (<see cref="ServiceModelRecord"/>) when it has one, else the
/// options' model. Each lookup reads the stored row (so an edit committed by any engine instance is
/// seen by the next command), but decodes and builds the model only when its version changed: a
/// command pays one keyed read, not a parse of the model.
/// </summary>
internal sealed class StoredServiceModelSource(IAggregateStore store, ServiceModelRecordCodec codec, IClock clock, ServiceModel? fallback) : IServiceModelSource
{
    private readonly ConcurrentDictionary<TenantId, (long Version, ServiceModel Model)> _cache = new();

    public async ValueTask<ServiceModel?> GetAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(tenant, ServiceModelRecord.RecordType, ServiceModelRecordId.Text, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return fallback;
        }

        if (_cache.TryGetValue(tenant, out var cached) && cached.Version == stored.Version)
        {
            return cached.Model;
        }

        ServiceModel model;
        try
        {
            model = codec.Deserialize(stored.Tenant, stored.RecordId, stored.Version, stored.State, clock).Model;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CorruptRecordException(tenant, ServiceModelRecord.RecordType, stored.RecordId, ex.Message, ex);
        }

        // A slower reader of an older version must not replace a newer one.
        _cache.AddOrUpdate(tenant, (stored.Version, model), (_, old) => old.Version > stored.Version ? old : (stored.Version, model));
        return model;
    }
}

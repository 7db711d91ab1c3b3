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
/// options' model. Each lookup asks the store for the stored version (so an edit committed by any engine
/// instance is seen by the next command), naming the version this source holds
/// (<see cref="RecordLoad.KnownVersion"/>): the store sends the state, and the model is decoded and built, only
/// when that version changed. A command pays a version check, in the same store call as its record's load
/// (<see cref="IAggregateStore.LoadManyAsync"/>), not a read and parse of the model.
/// </summary>
internal sealed class StoredServiceModelSource(IAggregateStore store, ServiceModelRecordCodec codec, IClock clock, ServiceModel? fallback) : IServiceModelSource
{
    private readonly ConcurrentDictionary<TenantId, (long Version, ServiceModel Model)> _cache = new();

    public async ValueTask<ServiceModel?> GetAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadManyAsync(tenant, [LoadFor(tenant)], cancellationToken).ConfigureAwait(false);
        return await FromAsync(tenant, loaded[0], cancellationToken).ConfigureAwait(false);
    }

    public RecordLoad LoadFor(TenantId tenant) =>
        new(ServiceModelRecord.RecordType, ServiceModelRecordId.Text, _cache.TryGetValue(tenant, out var cached) ? cached.Version : 0);

    RecordLoad? IServiceModelSource.LoadFor(TenantId tenant) => LoadFor(tenant);

    public ValueTask<ServiceModel?> FromAsync(TenantId tenant, LoadedRecord loaded, CancellationToken cancellationToken)
    {
        if (!loaded.Exists)
        {
            return new(fallback);
        }

        if (loaded.Record is { } stored)
        {
            return new(Decode(tenant, stored));
        }

        // Unchanged: the store found the version this source named. Another thread may have cached a newer
        // version since (read after this command's load): then the model of the version read is gone, and
        // is read again in full, so a command is always checked against the version its own read saw.
        return _cache.TryGetValue(tenant, out var cached) && cached.Version == loaded.Version
            ? new(cached.Model)
            : ReloadAsync(tenant, cancellationToken);
    }

    private async ValueTask<ServiceModel?> ReloadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(tenant, ServiceModelRecord.RecordType, ServiceModelRecordId.Text, cancellationToken).ConfigureAwait(false);
        return stored is null ? fallback : Decode(tenant, stored);
    }

    private ServiceModel Decode(TenantId tenant, StoredAggregate stored)
    {
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

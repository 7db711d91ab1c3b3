using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Persistence.Testing;

namespace Itsm.Testing.Tests;

/// <summary>The shared store contract, run against the in-memory reference store.</summary>
public sealed class InMemoryStoreContractTests : AggregateStoreContract
{
    protected override Task<IAggregateStore> CreateStoreAsync() => Task.FromResult<IAggregateStore>(new InMemoryAggregateStore());

    // The in-memory store has no way around its API: its audit log cannot be touched.
    protected override Task<bool> TryTamperWithAuditAsync(IAggregateStore store, TenantId tenant, string recordType, string recordId, long version, AuditTampering tampering) =>
        Task.FromResult(false);
}

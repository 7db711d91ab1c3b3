using System.Linq;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Testing.Tests;

/// <summary>A store that loses the <c>workflowState</c> of every audit entry it saves: a planted bug the runner must catch.</summary>
internal sealed class WorkflowStateDroppingStore : StaleIndexStore
{
    protected override AggregateWrite Rewrite(AggregateWrite write) => new(
        write.Tenant, write.RecordType, write.RecordId, write.ExpectedVersion, write.State, write.Index,
        [.. write.AuditEntries.Select(e => e with { Data = e.Data.Where(d => d.Key != AuditEntry.WorkflowStateKey).ToDictionary() })],
        write.Idempotency, write.Reservations);
}

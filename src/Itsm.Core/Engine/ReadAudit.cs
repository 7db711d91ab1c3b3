using Itsm.Common;
using NodaTime;

namespace Itsm.Engine;

/// <summary>
/// Reading a tenant's audit log over a period, across record types (<see cref="ItsmEngine.ReadAuditAsync"/>):
/// what KPIs and SLA replay read. The resource names only the tenant.
/// </summary>
/// <param name="Period">The period read: entries with <see cref="AuditEntry.At"/> in [start, end).</param>
public sealed record ReadAudit(Interval Period) : ItsmOperation
{
    /// <summary><c>"ReadAudit"</c>.</summary>
    public override string Name => "ReadAudit";
}

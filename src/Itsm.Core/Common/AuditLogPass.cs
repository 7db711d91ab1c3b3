using System;
using NodaTime;

namespace Itsm.Common;

/// <summary>The checks every single pass over a tenant's audit log shares (the KPIs, the control report).</summary>
internal static class AuditLogPass
{
    /// <summary>Refuses null entries, a default tenant and an unbounded period, naming the parameter as the public entry points call them.</summary>
    internal static void CheckArguments(object? entries, TenantId tenant, Interval period)
    {
        if (entries is null)
        {
            throw new ArgumentException("The audit entries are null.", nameof(entries));
        }

        if (string.IsNullOrWhiteSpace(tenant.Value))
        {
            throw new ArgumentException("The tenant must be set.", nameof(tenant));
        }

        if (!period.HasStart || !period.HasEnd)
        {
            throw new ArgumentException("The period must have a start and an end.", nameof(period));
        }
    }

    /// <summary>Refuses an entry earlier than the previous one of its record, and moves <paramref name="lastAt"/> on.</summary>
    internal static void CheckOrder(AuditEntry entry, ref Instant lastAt)
    {
        if (entry.At < lastAt)
        {
            throw new ArgumentException(
                $"The audit entries of {entry.RecordType} {entry.RecordId} are not in time order: version {entry.Version} at {entry.At} follows an entry at {lastAt}.",
                "entries");
        }

        lastAt = entry.At;
    }
}

using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.PostgreSql.Tests;

/// <summary>Small builders shared by the PostgreSQL-specific tests.</summary>
internal static class Samples
{
    public static readonly TenantId Tenant = new("tenant-a");

    public static readonly TenantId OtherTenant = new("tenant-b");

    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 10, 9, 0);

    public static readonly Actor Agent = new("agent-7", "itil", "service_desk");

    public static RecordIndex Index(Instant? openedAt = null, Instant? slaDueAt = null) =>
        new("New", true, "email", "desk", 3, openedAt ?? T0, slaDueAt);

    public static AuditEntry Entry(TenantId tenant, string id, Instant? at = null) =>
        new(tenant, "Incident", id, 0, at ?? T0, Agent, "Update", "New", "InProgress", new Dictionary<string, string> { ["k"] = "v" });

    public static AggregateWrite Write(string id, long expectedVersion, string? state = null, RecordIndex? index = null, IdempotencyKey? key = null, TenantId? tenant = null) =>
        new(tenant ?? Tenant, "Incident", id, expectedVersion, state ?? "{\"v\":" + (expectedVersion + 1) + "}", index ?? Index(), [Entry(tenant ?? Tenant, id)], key);
}

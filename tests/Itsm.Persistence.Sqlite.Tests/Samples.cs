using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>Small builders shared by the SQLite-specific tests.</summary>
internal static class Samples
{
    public static readonly TenantId Tenant = new("tenant-a");

    public static readonly Instant T0 = Instant.FromUtc(2025, 3, 10, 9, 0);

    public static readonly Actor Agent = new("agent-7", "itil", "service_desk");

    public static SqliteAggregateStore Store(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        new(new SqliteStoreOptions { Path = path, Synchronous = synchronous });

    public static RecordIndex Index(Instant? openedAt = null, Instant? slaDueAt = null) =>
        new("New", true, "email", "desk", 3, openedAt ?? T0, slaDueAt);

    public static AuditEntry Entry(string id, Instant? at = null, string command = "Update", IReadOnlyDictionary<string, string>? data = null) =>
        new(Tenant, "Incident", id, 0, at ?? T0, Agent, command, "New", "InProgress", data ?? new Dictionary<string, string> { ["k"] = "v" });

    public static AggregateWrite Write(string id, long expectedVersion, string? state = null, RecordIndex? index = null, IdempotencyKey? key = null, Instant? at = null) =>
        new(Tenant, "Incident", id, expectedVersion, state ?? "{\"v\":" + (expectedVersion + 1) + "}", index ?? Index(), [Entry(id, at)], key);
}

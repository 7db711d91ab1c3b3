using System.Globalization;

namespace Itsm.Persistence;

/// <summary>
/// The column values of a write that need converting (instants to nanoseconds, roles and data to
/// JSON), computed and checked before the database is touched. One source, compiled into each SQL
/// adapter (src/Shared/Persistence); an adapter whose text columns refuse some characters implements
/// <c>CheckStorableText</c>.
/// </summary>
internal sealed partial class PreparedWrite
{
    private PreparedWrite(long openedAt, long? slaDueAt, long[] at, string[] roles, string[] data)
    {
        OpenedAt = openedAt;
        SlaDueAt = slaDueAt;
        At = at;
        Roles = roles;
        Data = data;
    }

    public long OpenedAt { get; }

    public long? SlaDueAt { get; }

    public long[] At { get; }

    public string[] Roles { get; }

    public string[] Data { get; }

    /// <summary>Prepares a write; <see cref="AggregateWrite"/> has already checked that every entry has an actor and data.</summary>
    public static PreparedWrite Of(AggregateWrite write)
    {
        CheckStorableText(write.Tenant.Value, "write.Tenant");
        CheckStorableText(write.RecordType, "write.RecordType");
        CheckStorableText(write.RecordId, "write.RecordId");
        CheckStorableText(write.State, "write.State");
        CheckStorableText(write.Index.State, "write.Index.State");
        CheckStorableText(write.Index.Service, "write.Index.Service");
        CheckStorableText(write.Index.AssignmentGroup, "write.Index.AssignmentGroup");
        CheckStorableText(write.Idempotency?.Key, "write.Idempotency.Key");
        CheckStorableText(write.Idempotency?.Fingerprint, "write.Idempotency.Fingerprint");
        var openedAt = Nanoseconds.From(write.Index.OpenedAt, "write.Index.OpenedAt");
        long? slaDueAt = write.Index.SlaDueAt is { } due ? Nanoseconds.From(due, "write.Index.SlaDueAt") : null;
        var count = write.AuditEntries.Count;
        var at = new long[count];
        var roles = new string[count];
        var data = new string[count];
        for (var i = 0; i < count; i++)
        {
            var entry = write.AuditEntries[i];
            at[i] = Nanoseconds.From(entry.At, string.Create(CultureInfo.InvariantCulture, $"write.AuditEntries[{i}].At"));
            CheckStorableText(entry.Actor.Id, string.Create(CultureInfo.InvariantCulture, $"write.AuditEntries[{i}].Actor.Id"));
            CheckStorableText(entry.Command, string.Create(CultureInfo.InvariantCulture, $"write.AuditEntries[{i}].Command"));
            CheckStorableText(entry.FromState, string.Create(CultureInfo.InvariantCulture, $"write.AuditEntries[{i}].FromState"));
            CheckStorableText(entry.ToState, string.Create(CultureInfo.InvariantCulture, $"write.AuditEntries[{i}].ToState"));
            roles[i] = JsonColumns.WriteRoles(entry.Actor.Roles);
            data[i] = JsonColumns.WriteData(entry.Data);
        }

        return new PreparedWrite(openedAt, slaDueAt, at, roles, data);
    }

    // Implemented by an adapter whose text columns cannot hold some characters; without an
    // implementation the calls (and their arguments) are compiled away.
    static partial void CheckStorableText(string? text, string field);
}

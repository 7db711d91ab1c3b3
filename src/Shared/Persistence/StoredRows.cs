using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// The columns the SQL adapters select from the records and audit tables, and how a row of them becomes a
/// record index, a record summary or an audit entry. One source, compiled into each SQL adapter
/// (src/Shared/Persistence); an adapter implements <c>ReadIsOpen</c> for its column type.
/// </summary>
internal static partial class StoredRows
{
    /// <summary>A record's key, version and index columns, in the order <see cref="ReadSummary"/> reads them.</summary>
    internal const string RecordColumns = "record_type, record_id, version, state_name, is_open, service, assignment_group, priority, opened_at, sla_due_at, number";

    /// <summary>An audit row's columns, in the order <see cref="ReadAuditEntry"/> reads them.</summary>
    internal const string AuditColumns = "record_type, record_id, version, at, actor_id, actor_roles, command, from_state, to_state, data";

    /// <summary>Reads the index columns of <see cref="RecordColumns"/> that start at <paramref name="first"/> (state_name).</summary>
    internal static RecordIndex ReadIndex(DbDataReader reader, int first) =>
        new(
            State: reader.GetString(first),
            IsOpen: ReadIsOpen(reader, first + 1),
            Service: reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            AssignmentGroup: reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
            Priority: reader.IsDBNull(first + 4) ? null : reader.GetInt32(first + 4),
            OpenedAt: Nanoseconds.ToInstant(reader.GetInt64(first + 5)),
            SlaDueAt: reader.IsDBNull(first + 6) ? null : Nanoseconds.ToInstant(reader.GetInt64(first + 6)));

    /// <summary>Reads a row that selected exactly <see cref="RecordColumns"/>.</summary>
    internal static RecordSummary ReadSummary(DbDataReader reader, TenantId tenant, RecordIndex index) =>
        new(tenant, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), index) { Number = ReadNumber(reader, 0) };

    /// <summary>Reads the number column of <see cref="RecordColumns"/> that start at <paramref name="first"/> (record_type).</summary>
    internal static long ReadNumber(DbDataReader reader, int first) =>
        reader.IsDBNull(first + 10) ? 0 : reader.GetInt64(first + 10);

    /// <summary>
    /// Reads a row of a batched load: the load's position, the state (NULL when the stored version is the one the
    /// load already holds), then <see cref="RecordColumns"/>.
    /// </summary>
    internal static LoadedRecord ReadLoaded(DbDataReader reader, TenantId tenant, RecordLoad load)
    {
        var version = reader.GetInt64(4);
        return reader.IsDBNull(1)
            ? new LoadedRecord(version, null)
            : new LoadedRecord(version, new StoredAggregate(tenant, load.RecordType, load.RecordId, version, reader.GetString(1), ReadIndex(reader, 5)) { Number = ReadNumber(reader, 2) });
    }

    /// <summary>Reads a row that selected exactly <see cref="AuditColumns"/>.</summary>
    /// <exception cref="CorruptRecordException">The row's actor or data is not the JSON the stores write.</exception>
    internal static AuditEntry ReadAuditEntry(DbDataReader reader, TenantId tenant)
    {
        var recordType = reader.GetString(0);
        var recordId = reader.GetString(1);
        var version = reader.GetInt64(2);
        Actor actor;
        Dictionary<string, string> data;
        try
        {
            actor = new Actor(reader.GetString(4), JsonColumns.ReadRoles(reader.GetString(5)));
            data = JsonColumns.ReadData(reader.GetString(9));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            // InvalidOperationException: System.Text.Json's refusal of a string it cannot decode (an unpaired surrogate escape).
            throw new CorruptRecordException(
                tenant,
                recordType,
                recordId,
                string.Create(CultureInfo.InvariantCulture, $"the actor or data of audit entry {version} is not valid: {Itsm.Text.QuotedText.Message(e.Message)}"),
                e);
        }

        return new AuditEntry(
            tenant,
            recordType,
            recordId,
            version,
            Nanoseconds.ToInstant(reader.GetInt64(3)),
            actor,
            reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            data);
    }

    // The is_open column's type differs: an integer 0 or 1 in SQLite, a boolean in PostgreSQL.
    private static partial bool ReadIsOpen(DbDataReader reader, int ordinal);
}

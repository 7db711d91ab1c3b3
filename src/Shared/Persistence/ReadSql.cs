using System;
using System.Text;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// The SQL of the stores' filtered reads (<see cref="IAggregateStore.QueryAsync"/> and
/// <see cref="IAggregateStore.ReadAuditAsync"/>): fixed fragments only, every value a parameter. One source,
/// compiled into each SQL adapter (src/Shared/Persistence); the adapter adds each parameter through the
/// delegates, which return its placeholder, so each keeps its own parameter style.
/// </summary>
internal static class ReadSql
{
    /// <summary>The statement for a record query, or <see langword="null"/> when no stored record can match it.</summary>
    /// <param name="head">The statement up to its tenant condition (<c>SELECT … FROM … WHERE tenant = …</c>).</param>
    /// <param name="query">The query, already checked.</param>
    /// <param name="isOpen">The condition that holds for an open record in this database.</param>
    /// <param name="text">Adds a text parameter (a name, then the value) and returns its placeholder.</param>
    /// <param name="bigint">Adds a 64-bit integer parameter and returns its placeholder.</param>
    internal static string? Records(string head, RecordQuery query, string isOpen, Func<string, string, string> text, Func<string, long, string> bigint)
    {
        var sql = new StringBuilder(head);
        if (query.RecordType is { } recordType)
        {
            sql.Append(" AND record_type = ").Append(text("$type", recordType));
        }

        if (query.State is { } state)
        {
            sql.Append(" AND state_name = ").Append(text("$state", state));
        }

        if (query.Service is { } service)
        {
            sql.Append(" AND service = ").Append(text("$service", service));
        }

        if (query.AssignmentGroup is { } group)
        {
            sql.Append(" AND assignment_group = ").Append(text("$group", group));
        }

        if (query.OpenOnly)
        {
            sql.Append(" AND ").Append(isOpen);
        }

        if (query.WithSlaDueOnly || query.SlaDueBefore.HasValue)
        {
            sql.Append(" AND sla_due_at IS NOT NULL");
        }

        if (query.SlaDueBefore is { } before)
        {
            if (before <= Nanoseconds.Min)
            {
                return null; // no storable instant is earlier
            }

            if (before <= Nanoseconds.Max)
            {
                sql.Append(" AND sla_due_at < ").Append(bigint("$before", Nanoseconds.FromStorable(before)));
            }

            // Later than every storable instant: every due instant is before it.
        }

        return sql.Append(" ORDER BY opened_at, record_type, record_id").ToString();
    }

    /// <summary>Whether no stored audit entry can lie in the period: it is empty, or outside the storable instants.</summary>
    internal static bool HoldsNoStorableInstant(Interval period) =>
        period.Start > Nanoseconds.Max || period.End <= Nanoseconds.Min || period.End <= period.Start;

    /// <summary>The statement for the audit entries of a period that <see cref="HoldsNoStorableInstant"/> does not rule out.</summary>
    /// <param name="head">The statement up to its tenant condition (<c>SELECT … FROM … WHERE tenant = …</c>).</param>
    /// <param name="period">The period.</param>
    /// <param name="bigint">Adds a 64-bit integer parameter (a name, then the value) and returns its placeholder.</param>
    internal static string AuditPeriod(string head, Interval period, Func<string, long, string> bigint)
    {
        var sql = head + " AND at >= " + bigint("$from", period.Start < Nanoseconds.Min ? long.MinValue : Nanoseconds.FromStorable(period.Start));
        if (period.End <= Nanoseconds.Max)
        {
            sql += " AND at < " + bigint("$to", Nanoseconds.FromStorable(period.End));
        }

        return sql + " ORDER BY at, record_type, record_id, version";
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Itsm.Common;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

// Handing out due SLA events so that exactly one instance handles each: the ISlaDueClaims port.
public sealed partial class PostgreSqlAggregateStore : ISlaDueClaims
{
    private static readonly Comparison<SlaDueClaim> ClaimOrder = static (a, b) =>
    {
        var c = a.DueAt.CompareTo(b.DueAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.RecordType, b.RecordType);
        }

        return c != 0 ? c : string.CompareOrdinal(a.RecordId, b.RecordId);
    };

    /// <summary>
    /// Claims up to <paramref name="max"/> due SLA events of a tenant for <paramref name="owner"/>: records whose
    /// due instant (<see cref="RecordIndex.SlaDueAt"/>) is at or before <paramref name="now"/>, not yet completed
    /// for that instant, and not claimed by a live lease. Each event is handed to exactly one caller at a time,
    /// across every instance on the database.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="now">The current instant (from the host's clock): what is due, and when leases end, is measured against it.</param>
    /// <param name="max">The most events to claim; at least 1.</param>
    /// <param name="owner">Who claims them (an instance name, at most 200 characters, without unpaired surrogates or control characters); kept for operators.</param>
    /// <param name="lease">How long the claims last: a claim not completed by <c>now + lease</c> can be claimed again (its owner is presumed crashed). Positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claims, ordered by due instant, then record type and id (ordinal); empty when nothing is due.</returns>
    /// <exception cref="ArgumentException">The tenant is default, <paramref name="owner"/> is blank, too long or not valid as <see cref="IdText"/> says, or <paramref name="now"/> cannot be stored.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call, or the schema is newer than this release.</exception>
    /// <remarks>
    /// One statement, <c>UPDATE … FROM (SELECT … ORDER BY sla_due_at LIMIT max FOR UPDATE SKIP LOCKED)</c>: rows another
    /// claimer or a save holds locked are skipped, and a row claimed by a transaction that committed meanwhile is
    /// re-checked and left out. Handle each claim, then call <see cref="CompleteAsync"/>; the handler must tolerate
    /// running again for the same event if its instance stalls past the lease (at-least-once across crashes,
    /// exactly-once while leases hold). Instances must have roughly synchronised clocks.
    /// </remarks>
    public async Task<IReadOnlyList<SlaDueClaim>> ClaimDueAsync(TenantId tenant, Instant now, int max, string owner, Duration lease, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckTenant(tenant);
        Guard.Against.OutOfRange(max, nameof(max), 1, int.MaxValue);
        Guard.Against.NullOrWhiteSpace(owner);
        if (owner.Length > 200)
        {
            throw new ArgumentException("The owner must be at most 200 characters.", nameof(owner));
        }

        IdText.Check(owner, nameof(owner));

        if (lease <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The lease must be positive.");
        }

        var nowNanoseconds = Nanoseconds.From(now, nameof(now));
        var until = now + lease <= Nanoseconds.Max ? now + lease : Nanoseconds.Max;
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                $"""
                UPDATE {_records} AS r
                SET claim_owner = $3, claim_token = gen_random_uuid(), claim_until = $4
                FROM (SELECT tenant, record_type, record_id FROM {_records}
                      WHERE tenant = $1 AND sla_due_at <= $2
                        AND handled_due_at IS DISTINCT FROM sla_due_at
                        AND (claim_until IS NULL OR claim_until <= $2)
                      ORDER BY sla_due_at, record_type, record_id
                      LIMIT $5
                      FOR UPDATE SKIP LOCKED) AS due
                WHERE r.tenant = due.tenant AND r.record_type = due.record_type AND r.record_id = due.record_id
                RETURNING r.record_type, r.record_id, r.version, r.sla_due_at, r.claim_token
                """,
                connection);
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Bigint(nowNanoseconds));
            command.Parameters.Add(Text(owner));
            command.Parameters.Add(Bigint(Nanoseconds.FromStorable(until)));
            command.Parameters.Add(Bigint(max));
            var claims = new List<SlaDueClaim>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claims.Add(new SlaDueClaim(
                        tenant,
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        Nanoseconds.ToInstant(reader.GetInt64(3)),
                        owner,
                        until,
                        reader.GetGuid(4)));
                }
            }

            claims.Sort(ClaimOrder);
            return claims;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Marks a claimed SLA event handled: the record's due instant <see cref="SlaDueClaim.DueAt"/> is never claimed
    /// again, unless a later save sets another due instant (which is then claimable when it comes due).
    /// </summary>
    /// <param name="claim">A claim <see cref="ClaimDueAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="true"/> when the claim was still this one's and is now completed; <see langword="false"/> when
    /// it was lost: its lease ended and another owner claimed the event, a save changed the due instant, or the
    /// claim was already completed.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refused the call.</exception>
    /// <remarks>A claim whose lease ended but that nobody claimed again still completes.</remarks>
    public async Task<bool> CompleteAsync(SlaDueClaim claim, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(claim);
        StoreArguments.CheckKey(claim.Tenant, claim.RecordType, claim.RecordId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Nanoseconds.IsStorable(claim.DueAt))
        {
            return false;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "UPDATE " + _records + " SET handled_due_at = sla_due_at, claim_owner = NULL, claim_token = NULL, claim_until = NULL"
                + " WHERE tenant = $1 AND record_type = $2 AND record_id = $3 AND claim_token = $4 AND sla_due_at = $5",
                connection);
            AddKey(command.Parameters, claim.Tenant, claim.RecordType, claim.RecordId);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = claim.Token, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(Bigint(Nanoseconds.FromStorable(claim.DueAt)));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(e);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Persistence;

/// <summary>
/// Several saves that commit together or not at all: for example a major incident resolved with its
/// children, or a problem resolved with the incidents waiting for it. Each write keeps its own
/// expected version; a conflict on any one of them writes nothing.
/// </summary>
/// <remarks>
/// <para>Rules, checked when the unit is created: at least one write; every write of one tenant; no
/// record written twice (merge the commands of one record into one write); only the first write may
/// carry an idempotency key, and it then stands for the whole unit: a replay returns the first
/// write's version and writes nothing.</para>
/// <para>The store appends the audit entries in the order of the writes, and within a write in the
/// order of its entries, so the event feed shows them in that order.</para>
/// </remarks>
public sealed class UnitOfWork
{
    /// <summary>The most writes one unit may hold.</summary>
    public const int MaxWrites = 1000;

    /// <summary>Creates a unit of work.</summary>
    /// <param name="writes">The writes, in the order their entries are appended: 1 to <see cref="MaxWrites"/>.</param>
    /// <exception cref="ArgumentException">There is no write or more than <see cref="MaxWrites"/>, a write is null, the writes span tenants, a record is written twice, or a write other than the first carries an idempotency key.</exception>
    public UnitOfWork(IEnumerable<AggregateWrite> writes)
    {
        Guard.Against.Null(writes);
        var list = new List<AggregateWrite>();
        var seen = new HashSet<(string Type, string Id)>();
        foreach (var write in writes)
        {
            if (write is null)
            {
                throw new ArgumentException("A write is null.", nameof(writes));
            }

            if (list.Count == MaxWrites)
            {
                throw new ArgumentException($"A unit of work holds at most {MaxWrites} writes.", nameof(writes));
            }

            if (list.Count > 0 && write.Tenant != list[0].Tenant)
            {
                throw new ArgumentException($"Every write of a unit of work must be of one tenant; '{list[0].Tenant}' and '{write.Tenant}' differ.", nameof(writes));
            }

            if (!seen.Add((write.RecordType, write.RecordId)))
            {
                throw new ArgumentException($"{write.RecordType} '{write.RecordId}' is written more than once; merge its commands into one write.", nameof(writes));
            }

            if (list.Count > 0 && write.Idempotency is not null)
            {
                throw new ArgumentException("Only the first write of a unit of work may carry an idempotency key; it stands for the whole unit.", nameof(writes));
            }

            list.Add(write);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("A unit of work needs at least one write.", nameof(writes));
        }

        Writes = new ReadOnlyCollection<AggregateWrite>(list);
    }

    /// <summary>A unit of one write, checked already by its constructor (a store's single save: no list, no set).</summary>
    internal UnitOfWork(AggregateWrite write) => Writes = [Guard.Against.Null(write)];

    /// <summary>The tenant of every write.</summary>
    public TenantId Tenant => Writes[0].Tenant;

    /// <summary>The writes, in order.</summary>
    public IReadOnlyList<AggregateWrite> Writes { get; }

    /// <summary>The first write's idempotency key, which stands for the whole unit; or <see langword="null"/>.</summary>
    public IdempotencyKey? Idempotency => Writes[0].Idempotency;
}

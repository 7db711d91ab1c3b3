using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Common;
using Npgsql;
using NodaTime;

namespace Itsm.Persistence.PostgreSql;

// The reservations a unit of work replaces, prepared before the database is touched.
public sealed partial class PostgreSqlAggregateStore
{
    /// <summary>The reservations a unit replaces: the writes that carry a set, and every reservation of them as columns.</summary>
    private sealed class PreparedReservations
    {
        private readonly List<(int Write, string Type, string Id, ResourceReservation Reservation, long Start, long End)> _rows = [];

        public List<AggregateWrite> Replaced { get; } = [];

        public int Count => _rows.Count;

        public static PreparedReservations Of(UnitOfWork work)
        {
            var prepared = new PreparedReservations();
            for (var w = 0; w < work.Writes.Count; w++)
            {
                if (work.Writes[w].Reservations is not { } reservations)
                {
                    continue;
                }

                prepared.Replaced.Add(work.Writes[w]);
                for (var i = 0; i < reservations.Count; i++)
                {
                    var r = reservations[i];

                    var field = string.Create(CultureInfo.InvariantCulture, $"write.Reservations[{i}].Window");
                    prepared._rows.Add((w, work.Writes[w].RecordType, work.Writes[w].RecordId, r, Nanoseconds.From(r.Window.Start, field), Nanoseconds.From(r.Window.End, field)));
                }
            }

            return prepared;
        }

        /// <summary>The advisory lock keys of the resources reserved, distinct and ascending (the one order every writer takes them in).</summary>
        public IEnumerable<long> LockKeys(string schema, TenantId tenant) =>
            _rows.Select(r => ReservationLockKey(schema, tenant.Value, r.Reservation.Resource)).Distinct().Order();

        public void AddColumns(NpgsqlParameterCollection parameters, TenantId tenant)
        {
            parameters.Add(Text(tenant.Value));
            parameters.Add(TextArray(_rows.Select(r => r.Type).ToArray()));
            parameters.Add(TextArray(_rows.Select(r => r.Id).ToArray()));
            parameters.Add(TextArray(_rows.Select(r => r.Reservation.Resource).ToArray()));
            parameters.Add(BigintArray(_rows.Select(r => r.Start).ToArray()));
            parameters.Add(BigintArray(_rows.Select(r => r.End).ToArray()));
        }

        /// <summary>
        /// The conflict to report, as the in-memory store does: the first reservation (write order, then its own
        /// order) that overlaps another record's stored reservation or a sibling write's; or none.
        /// </summary>
        public ReservationConflictException? FirstConflict(UnitOfWork work, ReservationRow? stored)
        {
            for (var n = 0; n < _rows.Count; n++)
            {
                var (w, _, _, reservation, _, _) = _rows[n];
                var write = work.Writes[w];
                if (stored is { } s && s.Row == n)
                {
                    return new ReservationConflictException(work.Tenant, write.RecordType, write.RecordId, reservation, s.Type, s.Id, new Interval(Nanoseconds.ToInstant(s.Start), Nanoseconds.ToInstant(s.End)));
                }

                foreach (var other in _rows)
                {
                    if (other.Write != w && reservation.Overlaps(other.Reservation))
                    {
                        var sibling = work.Writes[other.Write];
                        return new ReservationConflictException(work.Tenant, write.RecordType, write.RecordId, reservation, sibling.RecordType, sibling.RecordId, other.Reservation.Window);
                    }
                }
            }

            return null;
        }
    }
}

using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Improvement;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Core.Tests.Improvement;

/// <summary>The approval KPIs equal a brute-force count over random requests' decided and overdue levels.</summary>
public sealed class KpiApprovalPropertyTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 0, 0);
    private static readonly NodaTime.Interval Period = new(T0 + Duration.FromHours(48), T0 + Duration.FromHours(150));

    // A level: starts at Start hours, due Due hours later; decided Decided hours after its start, or recorded overdue at its due instant.
    private static readonly Gen<(bool Overdue, int Start, int Due, int Decided)[]> Levels =
        (from overdue in Gen.Elements(false, true)
         from start in Gen.Choose(0, 200)
         from due in Gen.Choose(1, 48)
         from decided in Gen.Choose(0, 60)
         select (overdue, start, due, decided)).ArrayOf();

    [Property(MaxTest = 100)]
    public Property The_approval_kpis_equal_a_brute_force_count() =>
        Prop.ForAll(Levels.ToArbitrary(), levels =>
        {
            var h = new KpiHistory();
            for (int i = 0; i < levels.Length; i++)
            {
                var (overdue, start, due, decided) = levels[i];
                var id = "R" + i;
                var started = T0 + Duration.FromHours(start);
                var dueAt = started + Duration.FromHours(due);
                h.Add("ServiceRequest", id, T0, "Submit", "Submitted", ("item", "laptop"), ("priority", "3"))
                    .Add("ServiceRequest", id, started, "RequestApproval", "AwaitingApproval");
                if (overdue)
                {
                    h.Add("ServiceRequest", id, dueAt, "ApprovalOverdue", "AwaitingApproval", ("level", "L"), ("levelIndex", "0"), ("dueAt", Iso(dueAt)));
                }
                else
                {
                    h.Add("ServiceRequest", id, started + Duration.FromHours(decided), "Approve", "Fulfilling", ("levelStartedAt", Iso(started)), ("levelDueAt", Iso(dueAt)));
                }
            }

            var report = KpiCalculator.Compute(h.Entries.OrderBy(e => e.At), KpiHistory.Tenant, Period).Overall;

            bool In(int hours) => Period.Contains(T0 + Duration.FromHours(hours));
            var decisions = levels.Where(l => !l.Overdue && In(l.Start + l.Decided)).ToList();
            Assert.Equal(new KpiMeasure(decisions.Count(l => l.Decided < l.Due), decisions.Count), report[KpiId.ApprovalLevelsDecidedOnTime]);
            Assert.Equal(new KpiMeasure(decisions.Sum(l => l.Decided), decisions.Count), report[KpiId.MeanTimeToApprovalDecision]);
            Assert.Equal(new KpiMeasure(levels.Count(l => l.Overdue && In(l.Start + l.Due)), 1), report[KpiId.ApprovalLevelsOverdue]);
        });

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);
}

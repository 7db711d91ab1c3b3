using Itsm.Approvals;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Requests;

namespace Itsm.Improvement;

// The approval SLA KPIs (docs/kpis.md, "Approvals"), over levels with a due time: decided on time, time to a decision, overdue.
public static partial class KpiCalculator
{
    private sealed partial class Pass
    {
        /// <summary>
        /// What an entry of a request or a change says about an approval level: a decision of a level (with its
        /// timing), a level recorded overdue, or nothing. A request's tally counts under its group and priority at the entry.
        /// </summary>
        private static ApprovalTally? ApprovalOf(AuditEntry entry, string? group, int priority)
        {
            var timing = entry.Event switch
            {
                ServiceRequestApproved e => e.Timing,
                ServiceRequestApprovalRecorded e => e.Timing,
                ServiceRequestRejected e => e.Timing,
                ChangeApproved e => e.Timing,
                ChangeRejected e => e.Timing,
                _ => null,
            };
            if (timing is not null)
            {
                return new ApprovalTally(Overdue: false, !timing.IsLate(entry.At), (entry.At - timing.StartedAt).TotalHours, group, priority);
            }

            return entry.Event is ApprovalLevelOverdue ? new ApprovalTally(Overdue: true, OnTime: false, 0, group, priority) : null;
        }

        private static void AddApproval(KpiSet set, ApprovalTally tally)
        {
            if (tally.Overdue)
            {
                set.Add(KpiId.ApprovalLevelsOverdue, 1, 0);
                return;
            }

            set.AddDuration(KpiId.MeanTimeToApprovalDecision, tally.Hours);
            set.Count(KpiId.ApprovalLevelsDecidedOnTime, tally.OnTime);
        }
    }

    /// <summary>One approval level with a due time decided (on time or not, after so many hours) or recorded overdue, with the request's group and priority then.</summary>
    private readonly record struct ApprovalTally(bool Overdue, bool OnTime, double Hours, string? Group, int Priority);
}

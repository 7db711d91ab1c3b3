using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Core.Tests.Common;
using Itsm.Improvement;
using static Itsm.Core.Tests.Improvement.ImprovementItemFixtures;

namespace Itsm.Core.Tests.Improvement;

/// <summary>
/// The typed events of improvement items: each command's audit entry keeps the command name, data
/// keys and value formats the audit log has always stored (decimals as invariant text, scale kept),
/// and reads back as its event type.
/// </summary>
public sealed class ImprovementItemEventTests
{
    private static Dictionary<string, string> Data(params (string Key, string Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    [Fact]
    public void The_whole_lifecycle_writes_the_stored_audit_format_and_reads_as_typed_events()
    {
        var clock = NewClock();
        var item = ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6.50m, clock);
        item.Update(Proposer, "Self-service password reset, phase 1", 10.0m, 6.25m);
        item.Approve(Manager);
        item.Start(Proposer);
        item.Complete(Proposer, 6.3m);

        var entries = item.UncommittedAuditEntries;
        Assert.Equal(["Propose", "Update", "Approve", "Start", "Complete"], entries.Select(e => e.Command));
        AuditAssert.Data(Data(("title", Title), ("kpi", Kpi), ("direction", "LowerIsBetter"), ("baseline", "10"), ("target", "6.50")), entries[0].Data);
        AuditAssert.Data(Data(("title", "Self-service password reset, phase 1"), ("baseline", "10.0"), ("target", "6.25")), entries[1].Data);
        AuditAssert.Data(Data(), entries[2].Data);
        AuditAssert.Data(Data(), entries[3].Data);
        AuditAssert.Data(Data(("measuredEffect", "6.3"), ("targetReached", "false")), entries[4].Data);

        Assert.Equal(new ImprovementItemProposed(Title, Kpi, KpiDirection.LowerIsBetter, 10m, 6.5m), AuditAssert.TypedEvent(entries[0], typeof(ImprovementItemProposed)));
        Assert.Equal(new ImprovementItemUpdated("Self-service password reset, phase 1", 10m, 6.25m), AuditAssert.TypedEvent(entries[1], typeof(ImprovementItemUpdated)));
        Assert.Equal(new ImprovementItemApproved(), AuditAssert.TypedEvent(entries[2], typeof(ImprovementItemApproved)));
        Assert.Equal(new ImprovementItemStarted(), AuditAssert.TypedEvent(entries[3], typeof(ImprovementItemStarted)));
        Assert.Equal(new ImprovementItemCompleted(6.3m, TargetReached: false), AuditAssert.TypedEvent(entries[4], typeof(ImprovementItemCompleted)));
    }

    [Fact]
    public void Rejection_and_a_reached_target_write_the_stored_audit_format()
    {
        var clock = NewClock();
        var rejected = Propose(clock, KpiDirection.HigherIsBetter);
        rejected.Reject(Manager, "Not now.");
        var done = InState(ImprovementItemState.InProgress, clock, KpiDirection.HigherIsBetter);
        done.Complete(Proposer, 0.8m);

        AuditAssert.Data(Data(("title", "Knowledge at first contact"), ("kpi", "FirstContactResolutionRate"), ("direction", "HigherIsBetter"), ("baseline", "0.6"), ("target", "0.75")), rejected.UncommittedAuditEntries[0].Data);
        AuditAssert.Data(Data(("reason", "Not now.")), rejected.UncommittedAuditEntries[1].Data);
        AuditAssert.Data(Data(("measuredEffect", "0.8"), ("targetReached", "true")), done.UncommittedAuditEntries[^1].Data);
        Assert.Equal(new ImprovementItemRejected("Not now."), AuditAssert.TypedEvent(rejected.UncommittedAuditEntries[1], typeof(ImprovementItemRejected)));
        Assert.Equal(new ImprovementItemCompleted(0.8m, TargetReached: true), AuditAssert.TypedEvent(done.UncommittedAuditEntries[^1], typeof(ImprovementItemCompleted)));
    }

    /// <summary>Decimals of any sign, size and scale (negative zero included).</summary>
    private static readonly Gen<decimal> AnyDecimal =
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Elements(0, 0, 1, 12345, int.MinValue, int.MaxValue)
        from hi in Gen.Elements(0, 0, 0, 7, 1_000_000)
        from negative in Gen.Elements(false, true)
        from scale in Gen.Choose(0, 28)
        select new decimal(lo, mid, hi, negative, (byte)scale);

    private static readonly Gen<(decimal Baseline, decimal Target, decimal Measured)> Values =
        from baseline in AnyDecimal
        from target in AnyDecimal
        from measured in AnyDecimal
        select (baseline, target, measured);

    [Property(MaxTest = 500)]
    public Property Decimals_are_stored_as_invariant_text_and_read_back_with_their_scale() =>
        Prop.ForAll(Values.ToArbitrary(), values =>
        {
            var (baseline, target, measured) = values;
            if (target == baseline)
            {
                target = baseline >= 0 ? baseline - 1 : baseline + 1;
            }

            var direction = target > baseline ? KpiDirection.HigherIsBetter : KpiDirection.LowerIsBetter;
            var item = ImprovementItem.Propose(Tenant, ImprovementItemId.New(), Proposer, Title, Kpi, direction, baseline, target, NewClock());
            item.Update(Proposer, "Revised", baseline, target);
            item.Approve(Manager);
            item.Start(Proposer);
            item.Complete(Proposer, measured);
            var entries = item.UncommittedAuditEntries;

            var proposed = (ImprovementItemProposed)AuditAssert.TypedEvent(entries[0], typeof(ImprovementItemProposed));
            var updated = (ImprovementItemUpdated)AuditAssert.TypedEvent(entries[1], typeof(ImprovementItemUpdated));
            var completed = (ImprovementItemCompleted)AuditAssert.TypedEvent(entries[4], typeof(ImprovementItemCompleted));
            Assert.Equal(Text(baseline), entries[0].Data["baseline"]);
            Assert.Equal(Text(target), entries[1].Data["target"]);
            Assert.Equal(Text(measured), entries[4].Data["measuredEffect"]);
            Assert.Equal((Text(baseline), Text(target)), (Text(proposed.Baseline), Text(proposed.Target)));
            Assert.Equal((Text(baseline), Text(target)), (Text(updated.Baseline), Text(updated.Target)));
            Assert.Equal(Text(measured), Text(completed.MeasuredEffect));
            Assert.Equal(ImprovementItem.Reaches(direction, target, measured), completed.TargetReached);
        });

    [Theory]
    [InlineData("Propose", "direction", "Sideways")]
    [InlineData("Propose", "direction", "1")]
    [InlineData("Propose", "baseline", "ten")]
    [InlineData("Propose", "target", "1e3")]
    [InlineData("Propose", "kpi", null)]
    [InlineData("Update", "target", null)]
    [InlineData("Reject", "reason", null)]
    [InlineData("Complete", "measuredEffect", "")]
    [InlineData("Complete", "targetReached", "yes")]
    public void Data_no_event_reads_is_kept_as_an_unrecognized_event(string command, string key, string? value)
    {
        var data = new Dictionary<string, string>
        {
            ["title"] = "t",
            ["kpi"] = Kpi,
            ["direction"] = "LowerIsBetter",
            ["baseline"] = "10",
            ["target"] = "6",
            ["reason"] = "r",
            ["measuredEffect"] = "5",
            ["targetReached"] = "true",
        };
        if (value is null)
        {
            data.Remove(key);
        }
        else
        {
            data[key] = value;
        }

        var entry = new AuditEntry(Tenant, ImprovementItem.RecordType, ImprovementItemId.New().ToString(), 1, Monday0900, Proposer, command, "Proposed", "Proposed", data);

        var read = Assert.IsType<UnrecognizedEvent>(entry.Event);
        Assert.Equal((ImprovementItem.RecordType, command), (read.RecordType, read.CommandName));
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

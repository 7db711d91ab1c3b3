using System;
using Itsm.Approvals;
using Itsm.BusinessTime;
using NodaTime;

namespace Itsm.Core.Tests.Approvals;

/// <summary>Chain definitions: what a level accepts, which definitions are refused, and the approval SLA.</summary>
public sealed class ApprovalChainTests
{
    [Fact]
    public void A_level_accepts_named_people_and_role_holders_and_an_open_level_anyone()
    {
        var level = new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Person("cfo"), Approver.Role("finance")]);
        Assert.True(level.Accepts("cfo", []));
        Assert.True(level.Accepts("clerk", ["finance"]));
        Assert.False(level.Accepts("clerk", ["hr"]));
        Assert.True(ApprovalChain.SingleApprover.Levels[0].Accepts("anyone", []));
        Assert.True(ApprovalChain.SingleApprover.Levels[0].IsOpen);
    }

    [Fact]
    public void All_must_name_people_only()
    {
        var roles = Assert.Throws<ArgumentException>(() => new ApprovalLevel("Owners", ApprovalRule.All, [Approver.Role("cab")]));
        Assert.Equal("approvers", roles.ParamName);
        Assert.Throws<ArgumentException>(() => new ApprovalLevel("Owners", ApprovalRule.All, []));
    }

    [Fact]
    public void A_quorum_larger_than_the_people_named_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ApprovalLevel("Board", ApprovalRule.Quorum(3), [Approver.Person("a"), Approver.Person("b")]));
        Assert.Equal("rule", e.ParamName);
        Assert.StartsWith("A quorum of 3 cannot be met by the 2 people named.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ApprovalRule.Quorum(0));
    }

    [Fact]
    public void Duplicates_empty_chains_and_non_positive_due_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ApprovalLevel("L", ApprovalRule.Any, [Approver.Person("a"), Approver.Person("a")]));
        Assert.Throws<ArgumentException>(() => new ApprovalChain("C", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApprovalLevel("L", ApprovalRule.Any, [], Duration.Zero));
        Assert.Throws<ArgumentException>(() => Approver.Person(" "));
    }

    [Fact]
    public void Chains_compare_by_value()
    {
        ApprovalChain Make() => new("Purchase", [new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")], Duration.FromHours(8))]);
        Assert.Equal(Make(), Make());
        Assert.NotEqual(Make(), ApprovalChain.SingleApprover);
        Assert.Equal("Purchase [Manager: Any of role:manager]", Make().ToString());
        Assert.Equal("Quorum(2)", ApprovalRule.Quorum(2).ToString());
    }

    [Fact]
    public void A_level_is_due_in_elapsed_time_or_in_business_time_on_a_calendar()
    {
        var level = new ApprovalLevel("Manager", ApprovalRule.Any, [], Duration.FromHours(8));
        var friday1600 = Instant.FromUtc(2026, 12, 4, 16, 0);
        Assert.Equal(friday1600 + Duration.FromHours(8), level.DueAt(friday1600));

        var calendar = BusinessCalendar.CreateBuilder(DateTimeZone.Utc).AddWeekdayHours(new LocalTime(9, 0), new LocalTime(17, 0)).Build();
        Assert.Equal(Instant.FromUtc(2026, 12, 7, 16, 0), level.DueAt(friday1600, calendar));
        Assert.Null(new ApprovalLevel("No SLA", ApprovalRule.Any, []).DueAt(friday1600));
    }

    [Fact]
    public void Evaluate_refuses_decisions_for_levels_the_chain_lacks()
    {
        var e = Assert.Throws<ArgumentException>(() => ApprovalEvaluator.Evaluate(ApprovalChain.SingleApprover, [new ApprovalDecision(1, "a", ApprovalVerdict.Approve)]));
        Assert.Equal("decisions", e.ParamName);
    }

    [Fact]
    public void A_two_level_chain_waits_on_the_second_level_after_the_first_is_met()
    {
        var chain = new ApprovalChain("Purchase",
        [
            new ApprovalLevel("Manager", ApprovalRule.Any, [Approver.Role("manager")]),
            new ApprovalLevel("Finance", ApprovalRule.Quorum(2), [Approver.Role("finance")]),
        ]);
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 0, 0), ApprovalEvaluator.Evaluate(chain, []));
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Pending, 1, 1), ApprovalEvaluator.Evaluate(chain,
            [new(0, "boss", ApprovalVerdict.Approve), new(1, "f1", ApprovalVerdict.Approve)]));
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Approved, 2, 0), ApprovalEvaluator.Evaluate(chain,
            [new(0, "boss", ApprovalVerdict.Approve), new(1, "f1", ApprovalVerdict.Approve), new(1, "f2", ApprovalVerdict.Approve)]));
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Rejected, 1, 0), ApprovalEvaluator.Evaluate(chain,
            [new(0, "boss", ApprovalVerdict.Approve), new(1, "f1", ApprovalVerdict.Reject), new(1, "f2", ApprovalVerdict.Approve)]));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Approvals;

namespace Itsm.Core.Tests.Approvals;

/// <summary>The laws of <see cref="ApprovalEvaluator"/>, over random chains and decisions.</summary>
public sealed class ApprovalEvaluatorPropertyTests
{
    private static readonly string[] People = ["ann", "bob", "cat", "dan", "eve", "fay"];

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void The_order_of_decisions_does_not_matter(ApprovalChain chain, Decisions decisions, int seed)
    {
        var shuffled = decisions.Items.OrderBy(_ => new Random(seed).Next()).ToArray();
        var reversed = decisions.Items.AsEnumerable().Reverse().ToArray();
        var expected = ApprovalEvaluator.Evaluate(chain, Clamp(chain, decisions.Items));
        Assert.Equal(expected, ApprovalEvaluator.Evaluate(chain, Clamp(chain, shuffled)));
        Assert.Equal(expected, ApprovalEvaluator.Evaluate(chain, Clamp(chain, reversed)));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void A_rejection_at_the_waiting_level_rejects_the_chain(ApprovalChain chain, Decisions decisions, string rejecter)
    {
        var before = ApprovalEvaluator.Evaluate(chain, Clamp(chain, decisions.Items));
        if (before.Outcome != ApprovalOutcome.Pending || string.IsNullOrWhiteSpace(rejecter))
        {
            return;
        }

        var after = ApprovalEvaluator.Evaluate(chain, Clamp(chain, decisions.Items).Append(new ApprovalDecision(before.Level, rejecter, ApprovalVerdict.Reject)));
        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Rejected, before.Level, 0), after);
    }

    [Property(MaxTest = 200)]
    public void A_quorum_completes_exactly_at_the_nth_distinct_approval(PositiveInt n, PositiveInt repeats)
    {
        int quorum = Math.Min(n.Get, People.Length);
        var chain = ApprovalChain.Single("CAB", ApprovalRule.Quorum(quorum), Approver.Role("cab"));
        var decisions = new List<ApprovalDecision>();
        for (int i = 0; i < quorum; i++)
        {
            Assert.Equal(ApprovalOutcome.Pending, ApprovalEvaluator.Evaluate(chain, decisions).Outcome);

            // Approving again does not count twice.
            for (int r = 0; i > 0 && r < repeats.Get % 3; r++)
            {
                decisions.Add(new ApprovalDecision(0, People[i - 1], ApprovalVerdict.Approve));
            }

            Assert.Equal(i, ApprovalEvaluator.Evaluate(chain, decisions).Approvals);
            decisions.Add(new ApprovalDecision(0, People[i], ApprovalVerdict.Approve));
        }

        Assert.Equal(new ApprovalStatus(ApprovalOutcome.Approved, 1, 0), ApprovalEvaluator.Evaluate(chain, decisions));
    }

    [Property(MaxTest = 200)]
    public void All_needs_every_named_approver(PositiveInt count, int skipped)
    {
        int size = Math.Min(count.Get, People.Length);
        var chain = ApprovalChain.Single("Owners", ApprovalRule.All, People.Take(size).Select(Approver.Person).ToArray());
        int missing = Math.Abs(skipped % size);
        var allButOne = People.Take(size).Where((_, i) => i != missing).Select(p => new ApprovalDecision(0, p, ApprovalVerdict.Approve)).ToList();

        // Outsiders' approvals (a level of All counts only the people it names) do not make up for the missing one.
        allButOne.Add(new ApprovalDecision(0, "outsider", ApprovalVerdict.Approve));
        Assert.Equal(ApprovalOutcome.Pending, ApprovalEvaluator.Evaluate(chain, allButOne).Outcome);
        allButOne.Add(new ApprovalDecision(0, People[missing], ApprovalVerdict.Approve));
        Assert.Equal(ApprovalOutcome.Approved, ApprovalEvaluator.Evaluate(chain, allButOne).Outcome);
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Levels_are_decided_in_order_and_the_status_names_the_first_level_not_met(ApprovalChain chain, Decisions decisions)
    {
        var items = Clamp(chain, decisions.Items);
        var status = ApprovalEvaluator.Evaluate(chain, items);
        for (int i = 0; i < Math.Min(status.Level, chain.Levels.Count); i++)
        {
            var only = items.Where(d => d.Level == i).Select(d => d with { Level = 0 });
            Assert.Equal(ApprovalOutcome.Approved, ApprovalEvaluator.Evaluate(new ApprovalChain("one", [chain.Levels[i]]), only).Outcome);
        }

        if (status.Outcome != ApprovalOutcome.Approved)
        {
            var at = items.Where(d => d.Level == status.Level).Select(d => d with { Level = 0 });
            Assert.NotEqual(ApprovalOutcome.Approved, ApprovalEvaluator.Evaluate(new ApprovalChain("one", [chain.Levels[status.Level]]), at).Outcome);
        }
        else
        {
            Assert.Equal(chain.Levels.Count, status.Level);
        }
    }

    private static ApprovalDecision[] Clamp(ApprovalChain chain, IEnumerable<ApprovalDecision> decisions) =>
        decisions.Select(d => d with { Level = d.Level % chain.Levels.Count }).ToArray();

    /// <summary>Random decisions on levels 0 to 4 (clamped to the chain), mostly approvals, by a few people.</summary>
    public sealed record Decisions(ApprovalDecision[] Items)
    {
        public override string ToString() => string.Join(" ", Items.Select(d => $"{d.Level}:{d.Approver}:{d.Verdict}"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<ApprovalChain> Chains() => Gen.Choose(1, 3).SelectMany(n => LevelGen().ListOf(n))
            .Select(levels => new ApprovalChain("chain", levels)).ToArbitrary();

        public static Arbitrary<Decisions> DecisionLists() => (
                from level in Gen.Choose(0, 4)
                from who in Gen.Elements(People)
                from verdict in Gen.Frequency((9, Gen.Constant(ApprovalVerdict.Approve)), (1, Gen.Constant(ApprovalVerdict.Reject)))
                select new ApprovalDecision(level, who, verdict))
            .ArrayOf()
            .Select(items => new Decisions(items))
            .ToArbitrary();

        private static Gen<ApprovalLevel> LevelGen() =>
            from size in Gen.Choose(1, People.Length)
            from kind in Gen.Elements(ApprovalRuleKind.Any, ApprovalRuleKind.All, ApprovalRuleKind.Quorum)
            from quorum in Gen.Choose(1, size)
            select new ApprovalLevel(
                "L",
                kind switch { ApprovalRuleKind.All => ApprovalRule.All, ApprovalRuleKind.Quorum => ApprovalRule.Quorum(quorum), _ => ApprovalRule.Any },
                People.Take(size).Select(Approver.Person));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Routing;
using Xunit;

namespace Itsm.Core.Tests.Routing;

public sealed class AgentSelectorTests
{
    [Fact]
    public void RoundRobin_TakesMembersInOrdinalOrderAfterTheCursor_Wrapping()
    {
        var members = new[] { "carol", "alice", "bob" };

        var first = AgentSelector.RoundRobin(members, default);
        var second = AgentSelector.RoundRobin(members, first.Cursor);
        var wrapped = AgentSelector.RoundRobin(members, new RoundRobinCursor("carol"));

        Assert.Equal("alice", first.Agent);
        Assert.Equal("Turn of 'alice', the first of 3.", first.Explanation);
        Assert.Equal("bob", second.Agent);
        Assert.Equal("Turn of 'bob', next of 3 after 'alice'.", second.Explanation);
        Assert.Equal("alice", wrapped.Agent);
    }

    [Fact]
    public void RoundRobin_LastMemberLeftTheGroup_TheNextOneInOrderTakesTheTurn()
    {
        Assert.Equal("carol", AgentSelector.RoundRobin(["alice", "carol"], new RoundRobinCursor("bob")).Agent);
    }

    [Fact]
    public void RoundRobin_NoMembers_ChoosesNobodyAndKeepsTheCursor()
    {
        var choice = AgentSelector.RoundRobin([], new RoundRobinCursor("bob"));

        Assert.Null(choice.Agent);
        Assert.Equal("bob", choice.Cursor.LastAssigned);
    }

    [Fact]
    public void LeastLoaded_FewestOpenTickets_TiesTakeTurns()
    {
        var workload = new Workload(new Dictionary<string, int> { ["alice"] = 3, ["bob"] = 1 });

        var first = AgentSelector.LeastLoaded(["alice", "bob", "carol", "dave"], workload.WithAssigned("dave"));
        var tie = AgentSelector.LeastLoaded(["alice", "bob", "carol"], Workload.FromAssignees(["alice", "bob", "carol"]), new RoundRobinCursor("bob"));

        Assert.Equal("carol", first.Agent);
        Assert.Equal("Least loaded: 1 of 4 members have 0 open ticket(s). Turn of 'carol', the first of 1.", first.Explanation);
        Assert.Equal(["alice", "bob", "carol"], tie.Tied);
        Assert.Equal("carol", tie.Agent);
    }

    [Fact]
    public void SkillMatch_OnlyMembersWithEveryRequiredSkill_ThenTheTieBreak()
    {
        GroupMember[] members = [new("alice", ["cisco"]), new("bob", ["cisco", "german"]), new("carol", ["german", "cisco", "linux"])];

        var byTurn = AgentSelector.SkillMatch(members, ["german", "cisco"], SkillTieBreak.RoundRobin, new RoundRobinCursor("bob"));
        var byLoad = AgentSelector.SkillMatch(members, ["cisco"], SkillTieBreak.LeastLoaded, default, Workload.FromAssignees(["alice", "carol", null]));
        var nobody = AgentSelector.SkillMatch(members, ["sap"]);

        Assert.Equal("carol", byTurn.Agent);
        Assert.StartsWith("2 of 3 members have skills cisco, german. ", byTurn.Explanation, StringComparison.Ordinal);
        Assert.Equal("bob", byLoad.Agent);
        Assert.Null(nobody.Agent);
        Assert.Equal("No member of 3 has skills sap.", nobody.Explanation);
    }

    [Fact]
    public void Workload_CountsAndReleases_NeverBelowZero()
    {
        var workload = Workload.FromAssignees(["bob", "bob", null, "alice"]);

        Assert.Equal(2, workload.OpenTickets("bob"));
        Assert.Equal(0, workload.WithReleased("alice").WithReleased("alice").OpenTickets("alice"));
        Assert.Equal(0, workload.OpenTickets("carol"));
    }

    [Fact]
    public void InvalidArguments_NameTheParameter()
    {
        Assert.Equal("members", Assert.ThrowsAny<ArgumentException>(() => AgentSelector.RoundRobin(["a", " "], default)).ParamName);
        Assert.Equal("members", Assert.ThrowsAny<ArgumentException>(() => AgentSelector.RoundRobin(null!, default)).ParamName);
        Assert.Equal("workload", Assert.Throws<ArgumentNullException>(() => AgentSelector.LeastLoaded(["a"], null!)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => AgentSelector.SkillMatch([new GroupMember("a"), new GroupMember("a")], [])).ParamName);
        Assert.Equal("tieBreak", Assert.Throws<ArgumentException>(() => AgentSelector.SkillMatch([new GroupMember("a")], [], (SkillTieBreak)7)).ParamName);
        Assert.Equal("lastAssigned", Assert.Throws<ArgumentException>(() => new RoundRobinCursor("")).ParamName);
        Assert.Equal("openTickets", Assert.Throws<ArgumentException>(() => new Workload(new Dictionary<string, int> { ["a"] = -1 })).ParamName);
        Assert.Equal("skills", Assert.ThrowsAny<ArgumentException>(() => new GroupMember("a", [" "])).ParamName);
    }

    public sealed record Run(string[] Members, string? Start, int Picks, int[] Shuffles)
    {
        public override string ToString() => $"members [{string.Join(",", Members)}] start {Start ?? "none"} picks {Picks}";
    }

    public sealed record Loads(string[] Members, int[] Counts)
    {
        public override string ToString() => string.Join(", ", Members.Select((m, i) => $"{m}={Counts[i]}"));
    }

    public static class Arbitraries
    {
        private static readonly string[] People = ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal"];

        public static Arbitrary<Run> Runs() =>
            (from count in Gen.Choose(1, People.Length)
             from start in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Gen.Elements(People).Select(p => (string?)p)))
             from picks in Gen.Choose(0, 60)
             from shuffles in Gen.Choose(0, 1000).ArrayOf(60)
             select new Run(People.Take(count).ToArray(), start, picks, shuffles)).ToArbitrary();

        public static Arbitrary<Loads> Loads() =>
            (from count in Gen.Choose(1, People.Length)
             from counts in Gen.Choose(0, 4).ArrayOf(count)
             select new Loads(People.Take(count).ToArray(), counts)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool RoundRobin_OverAnyRunOfChoices_CountsDifferByAtMostOne(Run run)
    {
        var counts = run.Members.ToDictionary(m => m, _ => 0);
        var cursor = new RoundRobinCursor(run.Start);
        for (int i = 0; i < run.Picks; i++)
        {
            // Whatever order the host lists the members in, the turn is the same.
            var listed = run.Members.OrderBy(m => (m.GetHashCode(StringComparison.Ordinal) ^ run.Shuffles[i]) & 0xFFFF).ToArray();
            var choice = AgentSelector.RoundRobin(listed, cursor);
            counts[choice.Agent!]++;
            cursor = choice.Cursor;
        }

        return counts.Values.Max() - counts.Values.Min() <= 1 && counts.Values.Sum() == run.Picks;
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool LeastLoaded_NeverPicksSomeoneWithStrictlyMoreLoadThanAnotherMember(Loads loads, int cursorSeed)
    {
        var workload = new Workload(loads.Members.Select((m, i) => new KeyValuePair<string, int>(m, loads.Counts[i])));
        var cursor = new RoundRobinCursor(loads.Members[Math.Abs(cursorSeed % loads.Members.Length)]);
        for (int round = 0; round < 10; round++)
        {
            var choice = AgentSelector.LeastLoaded(loads.Members, workload, cursor);
            int chosen = workload.OpenTickets(choice.Agent!);
            if (loads.Members.Any(m => workload.OpenTickets(m) < chosen))
            {
                return false;
            }

            workload = workload.WithAssigned(choice.Agent!);
            cursor = choice.Cursor;
        }

        return true;
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool SkillMatch_ChoosesOnlyAMemberWithEveryRequiredSkill(Loads loads, int skillMask)
    {
        string[] skills = ["cisco", "german", "linux"];
        var members = loads.Members.Select((m, i) => new GroupMember(m, skills.Where((_, s) => ((loads.Counts[i] + i) & (1 << s)) != 0))).ToArray();
        var required = skills.Where((_, s) => (skillMask & (1 << s)) != 0).ToArray();

        var choice = AgentSelector.SkillMatch(members, required, SkillTieBreak.LeastLoaded);
        var qualified = members.Where(m => required.All(m.Skills.Contains)).Select(m => m.Id).ToArray();

        return choice.Agent is null ? qualified.Length == 0 : qualified.Contains(choice.Agent);
    }
}

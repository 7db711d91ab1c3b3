using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Common;

namespace Itsm.Routing;

/// <summary>
/// Chooses the person inside a support group who gets a ticket: round-robin, least-loaded, or skill match
/// followed by either. Pure and deterministic: the same members, cursor and workload give the same choice.
/// </summary>
/// <remarks>
/// Members are taken in ordinal order of their ids, duplicates ignored, whatever order the host lists them in,
/// so a choice never depends on how a host happened to enumerate a group. A host that wants only available
/// people (not on leave, on shift now) passes only those: <see cref="OnCallRota"/> answers who is on call.
/// </remarks>
public static class AgentSelector
{
    /// <summary>
    /// Round-robin: the first member after the cursor's last one, in ordinal order, wrapping round. Over any run of
    /// choices from the same members, the counts each member gets differ by at most one.
    /// </summary>
    /// <param name="members">The eligible members' ids.</param>
    /// <param name="cursor">The group's cursor; <c>default</c> starts at the first member.</param>
    /// <returns>The choice and the cursor to keep; no agent when <paramref name="members"/> is empty.</returns>
    /// <exception cref="ArgumentException"><paramref name="members"/> is null or holds a blank or too long id.</exception>
    public static AgentChoice RoundRobin(IEnumerable<string> members, RoundRobinCursor cursor)
    {
        var sorted = Names.NormalizeRequired(members, nameof(members), FieldLimits.LinkedRecords);
        if (sorted.Length == 0)
        {
            return new AgentChoice(null, cursor, [], "No member to take a turn.");
        }

        string agent = NextAfter(sorted, cursor.LastAssigned);
        return new AgentChoice(agent, new RoundRobinCursor(agent), sorted, Turn(agent, sorted.Length, cursor));
    }

    /// <summary>
    /// Least-loaded: a member with the fewest open tickets; among equals, the next in round-robin order after the
    /// cursor. Never chooses a member with strictly more open tickets than another eligible member.
    /// </summary>
    /// <param name="members">The eligible members' ids.</param>
    /// <param name="workload">Each person's open tickets.</param>
    /// <param name="cursor">The group's cursor, which turns the ties; <c>default</c> takes the first of them.</param>
    /// <returns>The choice and the cursor to keep; no agent when <paramref name="members"/> is empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workload"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="members"/> is null or holds a blank or too long id.</exception>
    public static AgentChoice LeastLoaded(IEnumerable<string> members, Workload workload, RoundRobinCursor cursor = default)
    {
        var sorted = Names.NormalizeRequired(members, nameof(members), FieldLimits.LinkedRecords);
        ArgumentNullException.ThrowIfNull(workload);
        return LeastLoadedOf(sorted, workload, cursor);
    }

    /// <summary>
    /// Skill match: the members who have every required skill, then <paramref name="tieBreak"/> among them. With no
    /// required skill every member qualifies.
    /// </summary>
    /// <param name="members">The group's members and their skills.</param>
    /// <param name="requiredSkills">The skills the ticket needs (for example from its category or configuration item).</param>
    /// <param name="tieBreak">How to choose among the qualified members.</param>
    /// <param name="cursor">The group's round-robin cursor.</param>
    /// <param name="workload">Each person's open tickets, for <see cref="SkillTieBreak.LeastLoaded"/>; null for nobody has any.</param>
    /// <returns>The choice and the cursor to keep; no agent when no member has every required skill.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="members"/> is null or holds a null member or two members of the same id; a skill is blank or
    /// too long; or <paramref name="tieBreak"/> is not defined.
    /// </exception>
    public static AgentChoice SkillMatch(
        IEnumerable<GroupMember> members,
        IEnumerable<string> requiredSkills,
        SkillTieBreak tieBreak = SkillTieBreak.RoundRobin,
        RoundRobinCursor cursor = default,
        Workload? workload = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        var list = members.ToArray();
        if (list.Any(static m => m is null))
        {
            throw new ArgumentException("A member is null.", nameof(members));
        }

        if (list.Select(static m => m.Id).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException("Two members have the same id.", nameof(members));
        }

        var required = Names.NormalizeRequired(requiredSkills, nameof(requiredSkills));
        if (!Enum.IsDefined(tieBreak))
        {
            throw new ArgumentException($"Unknown tie-break {(int)tieBreak}.", nameof(tieBreak));
        }

        var qualified = list.Where(m => required.All(s => m.Skills.Contains(s, StringComparer.Ordinal)))
            .Select(static m => m.Id).Order(StringComparer.Ordinal).ToArray();
        string skills = required.Length == 0 ? "no required skill" : "skills " + string.Join(", ", required);
        if (qualified.Length == 0)
        {
            return new AgentChoice(null, cursor, [], string.Create(CultureInfo.InvariantCulture, $"No member of {list.Length} has {skills}."));
        }

        var choice = tieBreak == SkillTieBreak.RoundRobin
            ? RoundRobin(qualified, cursor)
            : LeastLoadedOf(qualified, workload ?? Workload.Empty, cursor);
        return choice with
        {
            Explanation = string.Create(CultureInfo.InvariantCulture, $"{qualified.Length} of {list.Length} members have {skills}. {choice.Explanation}"),
        };
    }

    private static AgentChoice LeastLoadedOf(string[] sorted, Workload workload, RoundRobinCursor cursor)
    {
        if (sorted.Length == 0)
        {
            return new AgentChoice(null, cursor, [], "No member to take a ticket.");
        }

        int least = int.MaxValue;
        foreach (var member in sorted)
        {
            least = Math.Min(least, workload.OpenTickets(member));
        }

        var tied = sorted.Where(m => workload.OpenTickets(m) == least).ToArray();
        string agent = NextAfter(tied, cursor.LastAssigned);
        return new AgentChoice(
            agent,
            new RoundRobinCursor(agent),
            tied,
            string.Create(CultureInfo.InvariantCulture, $"Least loaded: {tied.Length} of {sorted.Length} members have {least} open ticket(s). {Turn(agent, tied.Length, cursor)}"));
    }

    /// <summary>The first of <paramref name="sorted"/> after <paramref name="last"/> in ordinal order, wrapping round.</summary>
    private static string NextAfter(string[] sorted, string? last)
    {
        if (last is null)
        {
            return sorted[0];
        }

        int index = Array.BinarySearch(sorted, last, StringComparer.Ordinal);

        // Found: the one after it. Not found (the last one left the group): ~index is where it would be, the one after it.
        int next = index >= 0 ? index + 1 : ~index;
        return sorted[next % sorted.Length];
    }

    private static string Turn(string agent, int count, RoundRobinCursor cursor) => cursor.LastAssigned is null
        ? string.Create(CultureInfo.InvariantCulture, $"Turn of '{agent}', the first of {count}.")
        : string.Create(CultureInfo.InvariantCulture, $"Turn of '{agent}', next of {count} after '{cursor.LastAssigned}'.");
}

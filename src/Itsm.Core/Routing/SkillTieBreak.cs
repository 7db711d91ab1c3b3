namespace Itsm.Routing;

/// <summary>How <see cref="AgentSelector.SkillMatch"/> chooses among the members who have every required skill.</summary>
public enum SkillTieBreak
{
    /// <summary>Take turns among them (<see cref="AgentSelector.RoundRobin"/>).</summary>
    RoundRobin = 0,

    /// <summary>The one with the fewest open tickets, turns among equals (<see cref="AgentSelector.LeastLoaded"/>).</summary>
    LeastLoaded = 1,
}

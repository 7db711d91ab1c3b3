using System.Collections.Generic;

namespace Itsm.Improvement;

/// <summary>A phased adoption roadmap, planned by <see cref="AdoptionAssessment.PlanRoadmap"/>. Immutable.</summary>
public sealed class AdoptionRoadmap
{
    internal AdoptionRoadmap(IReadOnlyList<AdoptionPhase> phases)
    {
        Phases = phases;
    }

    /// <summary>The phases, in order (none when no practice has a gap).</summary>
    public IReadOnlyList<AdoptionPhase> Phases { get; }
}

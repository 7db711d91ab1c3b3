using System.Collections.Generic;

namespace Itsm.Improvement;

/// <summary>One phase of an <see cref="AdoptionRoadmap"/>: the practices it raises to their target levels and the KPIs that measure them. Immutable.</summary>
public sealed class AdoptionPhase
{
    internal AdoptionPhase(int number, IReadOnlyList<AdoptionCapability> practices, IReadOnlyList<string> kpis)
    {
        Number = number;
        Practices = practices;
        Kpis = kpis;
    }

    /// <summary>The phase's number, from 1.</summary>
    public int Number { get; }

    /// <summary>The practices of the phase (each with a gap), in value order.</summary>
    public IReadOnlyList<AdoptionCapability> Practices { get; }

    /// <summary>The KPI names to watch during and after the phase: those of its practices, in order, each once.</summary>
    public IReadOnlyList<string> Kpis { get; }

    /// <summary>The phase's number and practices.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Phase {Number}: {string.Join(", ", System.Linq.Enumerable.Select(Practices, p => p.Practice))}";
}

using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Governance;
using Itsm.Text;

namespace Itsm.Improvement;

/// <summary>
/// An adoption assessment as ITIL's implementation guidance describes it (assess, plan a roadmap,
/// implement in phases, measure): each practice's capability level now and as a target, the gaps,
/// and a phased roadmap ordered by value whose phases name the KPIs that measure them. Immutable.
/// </summary>
public sealed class AdoptionAssessment
{
    /// <summary>Creates an assessment.</summary>
    /// <param name="capabilities">One entry per practice (practice names compared ignoring case); at least one.</param>
    /// <param name="valueOrder">
    /// The practices from most to least valuable to adopt; <see langword="null"/> for
    /// <see cref="AdoptionPractices.DefaultValueOrder"/> (incident management first). Practices not in
    /// it come after, by name.
    /// </param>
    /// <exception cref="ArgumentException">
    /// <paramref name="capabilities"/> is null, empty, holds a null entry or a practice twice;
    /// <paramref name="valueOrder"/> holds a blank name or a name twice.
    /// </exception>
    public AdoptionAssessment(IEnumerable<AdoptionCapability> capabilities, IEnumerable<string>? valueOrder = null)
    {
        Guard.Against.Null(capabilities);
        var entries = capabilities.ToArray();
        if (entries.Length == 0)
        {
            throw new ArgumentException("An assessment needs at least one practice.", nameof(capabilities));
        }

        if (Array.Exists(entries, e => e is null))
        {
            throw new ArgumentException("A capability is null.", nameof(capabilities));
        }

        if (entries.GroupBy(e => e.Practice, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The practice '{QuotedText.Of(twice.Key)}' is assessed twice.", nameof(capabilities));
        }

        var order = (valueOrder ?? AdoptionPractices.DefaultValueOrder).ToArray();
        if (Array.Exists(order, string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A practice in the value order is null or blank.", nameof(valueOrder));
        }

        if (order.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"The practice '{QuotedText.Of(repeated.Key)}' appears twice in the value order.", nameof(valueOrder));
        }

        ValueOrder = Array.AsReadOnly(order);
        var rank = order.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.OrdinalIgnoreCase);
        Capabilities = Array.AsReadOnly(entries
            .OrderBy(e => rank.TryGetValue(e.Practice, out int r) ? r : int.MaxValue)
            .ThenBy(e => e.Practice, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Practice, StringComparer.Ordinal)
            .ToArray());
        Gaps = Array.AsReadOnly(Capabilities.Where(c => c.Gap > 0).ToArray());
    }

    /// <summary>
    /// The ITIL 4 guiding principles the assessment puts into practice, in ITIL's order: focus on value (the
    /// roadmap follows <see cref="ValueOrder"/>), start where you are (each practice's capability now is assessed
    /// before a target is set) and progress iteratively with feedback (the roadmap is phased, and each phase names
    /// the KPIs that measure it). <see cref="GuidingPrinciples"/> gives their names and descriptions.
    /// </summary>
    public static IReadOnlyList<GuidingPrinciple> CitedPrinciples { get; } = Array.AsReadOnly(new[]
    {
        GuidingPrinciple.FocusOnValue,
        GuidingPrinciple.StartWhereYouAre,
        GuidingPrinciple.ProgressIterativelyWithFeedback,
    });

    /// <summary>The value order the assessment uses.</summary>
    public IReadOnlyList<string> ValueOrder { get; }

    /// <summary>Every practice assessed, in value order.</summary>
    public IReadOnlyList<AdoptionCapability> Capabilities { get; }

    /// <summary>The practices below their target level, in value order.</summary>
    public IReadOnlyList<AdoptionCapability> Gaps { get; }

    /// <summary>The sum of the gaps, in levels.</summary>
    public int TotalGap => Gaps.Sum(g => g.Gap);

    /// <summary>The assessment of <paramref name="practice"/> (ignoring case), or <see langword="null"/>.</summary>
    /// <param name="practice">A practice's name.</param>
    /// <returns>The capability, or <see langword="null"/>.</returns>
    public AdoptionCapability? Find(string practice) =>
        Capabilities.FirstOrDefault(c => string.Equals(c.Practice, practice, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Plans a phased roadmap: the practices with a gap, in value order, <paramref name="practicesPerPhase"/>
    /// to a phase; each phase lists the KPI names that measure its practices.
    /// </summary>
    /// <param name="practicesPerPhase">At most this many practices per phase (at least 1).</param>
    /// <param name="kpis">The KPI names per practice; <see langword="null"/> for <see cref="AdoptionPractices.DefaultKpis"/>. A practice without an entry adds no KPI.</param>
    /// <returns>The roadmap (no phase when there is no gap).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="practicesPerPhase"/> is below 1.</exception>
    public AdoptionRoadmap PlanRoadmap(int practicesPerPhase = 2, IReadOnlyDictionary<string, IReadOnlyList<string>>? kpis = null)
    {
        if (practicesPerPhase < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(practicesPerPhase), practicesPerPhase, "A phase holds at least one practice.");
        }

        kpis ??= AdoptionPractices.DefaultKpis;
        var phases = Gaps
            .Chunk(practicesPerPhase)
            .Select((chunk, i) => new AdoptionPhase(
                i + 1,
                Array.AsReadOnly(chunk),
                Array.AsReadOnly(chunk
                    .SelectMany(c => kpis.TryGetValue(c.Practice, out var names) && names is not null ? names : [])
                    .Where(n => !string.IsNullOrWhiteSpace(n))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToArray())))
            .ToArray();
        return new AdoptionRoadmap(Array.AsReadOnly(phases));
    }
}

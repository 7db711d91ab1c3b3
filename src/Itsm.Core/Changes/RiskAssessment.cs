using System.Collections.Generic;

namespace Itsm.Changes;

/// <summary>The result of a <see cref="RiskPolicy"/>: the questionnaire's risk, the conditions' risk and the higher of both.</summary>
/// <param name="Score">The questionnaire's total score (0 without questions).</param>
/// <param name="QuestionnaireRisk">The risk the score yields (<see cref="ChangeRisk.Low"/> without questions).</param>
/// <param name="ConditionRisk">The risk the conditions on the change yield (critical services impacted, outage).</param>
/// <param name="Risk">The higher of <paramref name="QuestionnaireRisk"/> and <paramref name="ConditionRisk"/>.</param>
public sealed record RiskAssessment(int Score, ChangeRisk QuestionnaireRisk, ChangeRisk ConditionRisk, ChangeRisk Risk)
{
    /// <summary>
    /// The critical services the change impacts, sorted: named by it or reached through the CI graph of the
    /// policy's service model, and in <see cref="RiskPolicy.CriticalServices"/> or most critical to the
    /// business. Empty when none, and for an assessment loaded with a stored change (which keeps the risks only).
    /// </summary>
    public IReadOnlyList<string> ImpactedCriticalServices { get; init; } = [];

    /// <summary>Whether <paramref name="other"/> has the same score, risks and impacted critical services (compared in order).</summary>
    /// <param name="other">The other assessment.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(RiskAssessment? other) =>
        other is not null
        && Score == other.Score
        && QuestionnaireRisk == other.QuestionnaireRisk
        && ConditionRisk == other.ConditionRisk
        && Risk == other.Risk
        && System.Linq.Enumerable.SequenceEqual(ImpactedCriticalServices, other.ImpactedCriticalServices);

    /// <summary>A hash of the score and risks.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => System.HashCode.Combine(Score, QuestionnaireRisk, ConditionRisk, Risk);
}

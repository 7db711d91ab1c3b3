namespace Itsm.Changes;

/// <summary>The result of a <see cref="RiskPolicy"/>: the questionnaire's risk, the conditions' risk and the higher of both.</summary>
/// <param name="Score">The questionnaire's total score (0 without questions).</param>
/// <param name="QuestionnaireRisk">The risk the score yields (<see cref="ChangeRisk.Low"/> without questions).</param>
/// <param name="ConditionRisk">The risk the conditions on the change yield (critical services, outage).</param>
/// <param name="Risk">The higher of <paramref name="QuestionnaireRisk"/> and <paramref name="ConditionRisk"/>.</param>
public sealed record RiskAssessment(int Score, ChangeRisk QuestionnaireRisk, ChangeRisk ConditionRisk, ChangeRisk Risk);

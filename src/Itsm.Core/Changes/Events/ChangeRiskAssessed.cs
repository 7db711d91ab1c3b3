using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>The change's risk was assessed with the risk policy's questionnaire and conditions, replacing an earlier assessment.</summary>
/// <remarks>Audit entry: command <c>AssessRisk</c>; data keys <c>risk</c>, <c>score</c>, <c>questionnaireRisk</c>, <c>conditionRisk</c>, <c>causesOutage</c> (a null value is left out).</remarks>
/// <param name="Risk">The assessed risk: the higher of the questionnaire's and the conditions'.</param>
/// <param name="Score">The questionnaire's score.</param>
/// <param name="QuestionnaireRisk">The risk the questionnaire's score gives.</param>
/// <param name="ConditionRisk">The risk the policy's conditions give.</param>
/// <param name="CausesOutage">Whether the change causes an outage.</param>

public sealed record ChangeRiskAssessed(ChangeRisk Risk, int Score, ChangeRisk QuestionnaireRisk, ChangeRisk ConditionRisk, bool CausesOutage) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AssessRisk";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("risk", Risk.ToString()), ("score", AuditData.Number(Score)), ("questionnaireRisk", QuestionnaireRisk.ToString()), ("conditionRisk", ConditionRisk.ToString()), ("causesOutage", CausesOutage ? "true" : "false"));

    internal static ChangeRiskAssessed? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeRiskAssessed(r.Enum<ChangeRisk>("risk"), (int)r.Number("score", int.MinValue, int.MaxValue), r.Enum<ChangeRisk>("questionnaireRisk"), r.Enum<ChangeRisk>("conditionRisk"), r.Boolean("causesOutage"));
        return r.Ok ? read : null;
    }
}

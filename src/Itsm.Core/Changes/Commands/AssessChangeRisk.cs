using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Assesses a change's risk with a risk policy, replacing an earlier assessment.</summary>
/// <remarks>Runs <see cref="Change.AssessRisk"/>; its audit entry's command is <c>AssessRisk</c>.</remarks>
/// <param name="Policy">The risk policy (questionnaire and conditions); not part of the idempotency fingerprint.</param>
/// <param name="Answers">The answers to the policy's questionnaire, keyed by question id.</param>
/// <param name="CausesOutage">Whether the change causes an outage.</param>
public sealed record AssessChangeRisk(RiskPolicy Policy, IReadOnlyDictionary<string, string> Answers, bool CausesOutage) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "AssessRisk";

    internal override void Run(Change record, Actor actor) => record.AssessRisk(actor, Policy, Answers, CausesOutage);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Answers is not null).Add(Answers ?? AuditData.Empty).Add(CausesOutage);
}

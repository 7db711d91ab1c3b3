using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Replaces a change's implementation plan and voids every approval.</summary>
/// <remarks>Runs <see cref="Change.EditPlan"/>; its audit entry's command is <c>EditPlan</c>.</remarks>
/// <param name="Plan">The new plan.</param>
public sealed record EditChangePlan(string Plan) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "EditPlan";

    internal override void Run(Change record, Actor actor) => record.EditPlan(actor, Plan);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Plan);
}

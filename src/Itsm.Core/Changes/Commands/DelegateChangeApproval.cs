using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Hands the engine actor's decision on the change's current approval level to a delegate.</summary>
/// <remarks>Runs <see cref="Change.DelegateApproval"/>; its audit entry's command is <c>DelegateApproval</c>.</remarks>
/// <param name="DelegateId">The delegate's actor id.</param>
public sealed record DelegateChangeApproval(string DelegateId) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "DelegateApproval";

    internal override void Run(Change record, Actor actor) => record.DelegateApproval(actor, DelegateId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(DelegateId);
}

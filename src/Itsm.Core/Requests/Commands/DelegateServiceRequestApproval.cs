using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Hands the engine actor's decision on the request's current approval level to a delegate.</summary>
/// <remarks>Runs <see cref="ServiceRequest.DelegateApproval"/>; its audit entry's command is <c>DelegateApproval</c>.</remarks>
/// <param name="DelegateId">The delegate's actor id.</param>
public sealed record DelegateServiceRequestApproval(string DelegateId) : RecordCommand<ServiceRequest>
{
    /// <inheritdoc/>
    public override string RecordType => ServiceRequest.RecordType;

    /// <inheritdoc/>
    public override string Name => "DelegateApproval";

    internal override void Run(ServiceRequest record, Actor actor) => record.DelegateApproval(actor, DelegateId);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(DelegateId);
}

using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>The tenant's stored service model was created (empty, or from an initial model).</summary>
/// <remarks>Audit entry: command <c>Create</c>; data key <c>model</c> holds the whole model as JSON (the parts of the record state, docs/record-state.md).</remarks>
/// <param name="Model">The model.</param>
public sealed record ServiceModelCreated(ServiceModel Model) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Create";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("model", ServiceModelJson.WriteModel(Model)));

    internal static ServiceModelCreated? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "model", static e => ServiceModelJson.ReadParts(e).Build()) is { } model ? new(model) : null;
}

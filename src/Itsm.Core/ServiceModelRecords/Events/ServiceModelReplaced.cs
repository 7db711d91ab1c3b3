using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>The tenant's stored service model was replaced as a whole (an import).</summary>
/// <remarks>Audit entry: command <c>Replace</c>; data key <c>model</c> holds the whole model as JSON (the parts of the record state, docs/record-state.md).</remarks>
/// <param name="Model">The model.</param>
public sealed record ServiceModelReplaced(ServiceModel Model) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Replace";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("model", ServiceModelJson.WriteModel(Model)));

    internal static ServiceModelReplaced? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "model", static e => ServiceModelJson.ReadParts(e).Build()) is { } model ? new(model) : null;
}

using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A support group was added to the stored service model.</summary>
/// <remarks>Audit entry: command <c>AddSupportGroup</c>; data key <c>supportGroup</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="SupportGroup">The part as the model now holds it.</param>
public sealed record SupportGroupAdded(SupportGroup SupportGroup) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddSupportGroup";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("supportGroup", ServiceModelJson.Write(SupportGroup, ServiceModelJson.WriteGroup)));

    internal static SupportGroupAdded? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "supportGroup", ServiceModelJson.ReadGroup) is { } part ? new(part) : null;
}

using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A support group was replaced in the stored service model.</summary>
/// <remarks>Audit entry: command <c>UpdateSupportGroup</c>; data key <c>supportGroup</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="SupportGroup">The part as the model now holds it.</param>
public sealed record SupportGroupUpdated(SupportGroup SupportGroup) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "UpdateSupportGroup";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("supportGroup", ServiceModelJson.Write(SupportGroup, ServiceModelJson.WriteGroup)));

    internal static SupportGroupUpdated? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "supportGroup", ServiceModelJson.ReadGroup) is { } part ? new(part) : null;
}

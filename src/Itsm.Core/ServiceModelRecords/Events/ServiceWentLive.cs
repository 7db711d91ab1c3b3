using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A Pipeline service of the stored service model went Live.</summary>
/// <remarks>Audit entry: command <c>GoLiveService</c>; data key <c>id</c>.</remarks>
/// <param name="Id">The part's id.</param>
public sealed record ServiceWentLive(ServiceId Id) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "GoLiveService";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("id", Id.Value));

    internal static ServiceWentLive? Read(IReadOnlyDictionary<string, string> data) =>
        data.TryGetValue("id", out var id) && IdText.IsValid(id) && id.Length <= FieldLimits.Id ? new(new ServiceId(id)) : null;
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>A service request was submitted in state Submitted for an item of the service catalog.</summary>
/// <remarks>Audit entry: command <c>Submit</c>; data keys <c>item</c>, <c>priority</c> (a null value is left out).</remarks>
/// <param name="ItemId">The catalog item's id.</param>
/// <param name="Priority">The priority (4 Low unless given).</param>

public sealed record ServiceRequestSubmitted(string ItemId, Priority Priority) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Submit";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("item", ItemId), ("priority", AuditData.Number(Priority.Value)));

    internal static ServiceRequestSubmitted? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestSubmitted(r.Required("item"), r.Priority("priority"));
        return r.Ok ? read : null;
    }
}

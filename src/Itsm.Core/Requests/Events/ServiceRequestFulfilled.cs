using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>A service request was fulfilled.</summary>
/// <remarks>Audit entry: command <c>Fulfil</c>; data keys <c>notes</c> (a null value is left out).</remarks>
/// <param name="Notes">What was done.</param>

public sealed record ServiceRequestFulfilled(string Notes) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Fulfil";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("notes", Notes));

    internal static ServiceRequestFulfilled? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ServiceRequestFulfilled(r.Required("notes"));
        return r.Ok ? read : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>Fulfilment started on a service request whose catalog item needs no approval.</summary>
/// <remarks>Audit entry: command <c>StartFulfilment</c>; no data.</remarks>
public sealed record ServiceRequestFulfilmentStarted : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "StartFulfilment";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Empty;

    internal static ServiceRequestFulfilmentStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        _ = data;
        return new ServiceRequestFulfilmentStarted();
    }
}

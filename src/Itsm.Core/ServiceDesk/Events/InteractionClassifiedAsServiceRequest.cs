using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>An interaction was classified as the service request raised from it.</summary>
/// <remarks>Audit entry: command <c>ClassifyAsServiceRequest</c>; data keys <c>request</c> (a null value is left out).</remarks>
/// <param name="Request">The service request raised.</param>

public sealed record InteractionClassifiedAsServiceRequest(ServiceRequestId Request) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "ClassifyAsServiceRequest";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("request", Request.ToString()));

    internal static InteractionClassifiedAsServiceRequest? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new InteractionClassifiedAsServiceRequest(new ServiceRequestId(r.Guid("request")));
        return r.Ok ? read : null;
    }
}

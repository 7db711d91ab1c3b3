using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A service was added to the stored service model.</summary>
/// <remarks>Audit entry: command <c>AddService</c>; data key <c>service</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="Service">The part as the model now holds it.</param>
public sealed record ServiceAdded(Service Service) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AddService";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("service", ServiceModelJson.Write(Service, ServiceModelJson.WriteService)));

    internal static ServiceAdded? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "service", ServiceModelJson.ReadService) is { } part ? new(part) : null;
}

using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.ServiceModelRecords;

/// <summary>A service was replaced in the stored service model.</summary>
/// <remarks>Audit entry: command <c>UpdateService</c>; data key <c>service</c> holds the part as JSON (docs/record-state.md, "Service model").</remarks>
/// <param name="Service">The part as the model now holds it.</param>
public sealed record ServiceUpdated(Service Service) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "UpdateService";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("service", ServiceModelJson.Write(Service, ServiceModelJson.WriteService)));

    internal static ServiceUpdated? Read(IReadOnlyDictionary<string, string> data) =>
        ServiceModelJson.Read(data, "service", ServiceModelJson.ReadService) is { } part ? new(part) : null;
}

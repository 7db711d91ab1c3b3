using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>Implementation of the scheduled change started (deployment).</summary>
/// <remarks>Audit entry: command <c>StartImplementation</c>; data keys <c>implementer</c> (a null value is left out).</remarks>
/// <param name="Implementer">The implementer's id.</param>

public sealed record ChangeImplementationStarted(string Implementer) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "StartImplementation";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("implementer", Implementer));

    internal static ChangeImplementationStarted? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeImplementationStarted(r.Required("implementer"));
        return r.Ok ? read : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>The incident became a child of a major incident.</summary>
/// <remarks>Audit entry: command <c>AttachToParent</c>; data keys <c>parent</c> (a null value is left out).</remarks>
/// <param name="Parent">The major incident.</param>

public sealed record IncidentAttachedToParent(IncidentId Parent) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "AttachToParent";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("parent", Parent.ToString()));

    internal static IncidentAttachedToParent? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new IncidentAttachedToParent(new IncidentId(r.Guid("parent")));
        return r.Ok ? read : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>A change raised to apply the problem's fix was linked to the problem.</summary>
/// <remarks>Audit entry: command <c>RaiseChange</c>; data keys <c>change</c> (a null value is left out).</remarks>
/// <param name="Change">The change's id.</param>

public sealed record ProblemChangeRaised(string Change) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "RaiseChange";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("change", Change));

    internal static ProblemChangeRaised? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemChangeRaised(r.Required("change"));
        return r.Ok ? read : null;
    }
}

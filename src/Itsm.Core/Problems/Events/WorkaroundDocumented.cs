using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>A workaround was documented: how users or agents restore service until the fix (it replaces an earlier one, and the known error's).</summary>
/// <remarks>Audit entry: command <c>DocumentWorkaround</c>; data keys <c>workaround</c> (a null value is left out).</remarks>
/// <param name="Workaround">The workaround.</param>

public sealed record WorkaroundDocumented(string Workaround) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "DocumentWorkaround";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("workaround", Workaround));

    internal static WorkaroundDocumented? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new WorkaroundDocumented(r.Required("workaround"));
        return r.Ok ? read : null;
    }
}

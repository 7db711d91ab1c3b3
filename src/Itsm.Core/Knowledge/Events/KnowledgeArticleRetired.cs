using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A published knowledge article was retired: it can no longer be cited.</summary>
/// <remarks>Audit entry: command <c>Retire</c>; data keys <c>reason</c>.</remarks>
/// <param name="Reason">Why.</param>
public sealed record KnowledgeArticleRetired(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Retire";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static KnowledgeArticleRetired? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new KnowledgeArticleRetired(r.Required("reason"));
        return r.Ok ? read : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A knowledge article was sent back from review to Draft (the entry's actor is the reviewer).</summary>
/// <remarks>Audit entry: command <c>SendBack</c>; data keys <c>reason</c>.</remarks>
/// <param name="Reason">What to change.</param>
public sealed record KnowledgeArticleSentBack(string Reason) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "SendBack";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("reason", Reason));

    internal static KnowledgeArticleSentBack? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new KnowledgeArticleSentBack(r.Required("reason"));
        return r.Ok ? read : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A draft's title and body were revised.</summary>
/// <remarks>Audit entry: command <c>Update</c>; data keys <c>title</c>, <c>body</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Body">The body.</param>
public sealed record KnowledgeArticleUpdated(string Title, string Body) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Update";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("body", Body));

    internal static KnowledgeArticleUpdated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new KnowledgeArticleUpdated(r.Required("title"), r.Required("body"));
        return r.Ok ? read : null;
    }
}

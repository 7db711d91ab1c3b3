using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Knowledge;

/// <summary>A knowledge article was created in state Draft (the entry's actor is its author).</summary>
/// <remarks>Audit entry: command <c>Create</c>; data keys <c>title</c>, <c>body</c>.</remarks>
/// <param name="Title">The title.</param>
/// <param name="Body">The body.</param>
public sealed record KnowledgeArticleCreated(string Title, string Body) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Create";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("body", Body));

    internal static KnowledgeArticleCreated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new KnowledgeArticleCreated(r.Required("title"), r.Required("body"));
        return r.Ok ? read : null;
    }
}

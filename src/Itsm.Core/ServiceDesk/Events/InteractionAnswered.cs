using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>A question was answered on first contact (a first-contact resolution).</summary>
/// <remarks>Audit entry: command <c>Answer</c>; data keys <c>answer</c> (a null value is left out).</remarks>
/// <param name="Answer">The answer given.</param>

public sealed record InteractionAnswered(string Answer) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Answer";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("answer", Answer));

    internal static InteractionAnswered? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new InteractionAnswered(r.Required("answer"));
        return r.Ok ? read : null;
    }
}

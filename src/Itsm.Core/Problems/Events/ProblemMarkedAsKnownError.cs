using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>The problem became a known error: its root cause and workaround are known, and the known error record was created.</summary>
/// <remarks>Audit entry: command <c>MarkAsKnownError</c>; data keys <c>symptom</c>, <c>affectedItems</c> (a null value is left out).</remarks>
/// <param name="Symptom">How the error shows itself to users.</param>
/// <param name="AffectedItems">The affected services or configuration items, as recorded: joined with a comma and a space (empty when none).</param>

public sealed record ProblemMarkedAsKnownError(string Symptom, string AffectedItems) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "MarkAsKnownError";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("symptom", Symptom), ("affectedItems", AffectedItems));

    internal static ProblemMarkedAsKnownError? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemMarkedAsKnownError(r.Required("symptom"), r.Required("affectedItems"));
        return r.Ok ? read : null;
    }
}

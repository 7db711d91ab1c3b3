using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>A problem was logged in state New: the unknown cause of one or more incidents, to be investigated.</summary>
/// <remarks>Audit entry: command <c>Open</c>; data keys <c>shortDescription</c>, <c>service</c> (a null value is left out).</remarks>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Service">The affected service, if known.</param>

public sealed record ProblemOpened(string ShortDescription, string? Service) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("shortDescription", ShortDescription), ("service", Service));

    internal static ProblemOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemOpened(r.Required("shortDescription"), r.Optional("service"));
        return r.Ok ? read : null;
    }
}

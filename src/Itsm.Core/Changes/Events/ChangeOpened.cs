using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>A request for change was logged in state New, with its type (which decides its path), plan and scope.</summary>
/// <remarks>Audit entry: command <c>Open</c>; data keys <c>type</c>, <c>shortDescription</c>, <c>plan</c>, <c>services</c>, <c>configurationItems</c>, <c>implementer</c>, <c>rejectionPolicy</c> (a null value is left out).</remarks>
/// <param name="Type">The change type: standard (pre-authorised), normal or emergency.</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="Services">The services it touches, as recorded: sorted, without duplicates, joined with a comma and a space (empty when none).</param>
/// <param name="ConfigurationItems">The configuration items it touches, as recorded: sorted, without duplicates, joined with a comma and a space (empty when none).</param>
/// <param name="Implementer">The planned implementer's id, if known.</param>
/// <param name="RejectionPolicy">Where a rejection leads.</param>

public sealed record ChangeOpened(ChangeType Type, string ShortDescription, string Plan, string Services, string ConfigurationItems, string? Implementer, RejectionPolicy RejectionPolicy) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("type", Type.ToString()), ("shortDescription", ShortDescription), ("plan", Plan), ("services", Services), ("configurationItems", ConfigurationItems), ("implementer", Implementer), ("rejectionPolicy", RejectionPolicy.ToString()));

    internal static ChangeOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ChangeOpened(r.Enum<ChangeType>("type"), r.Required("shortDescription"), r.Required("plan"), r.Required("services"), r.Required("configurationItems"), r.Optional("implementer"), r.Enum<RejectionPolicy>("rejectionPolicy"));
        return r.Ok ? read : null;
    }
}

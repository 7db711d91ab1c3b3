using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Changes;

/// <summary>A request for change was logged in state New, with its type (which decides its path), plan and scope.</summary>
/// <remarks>
/// Audit entry: command <c>Open</c>; data keys <c>type</c>, <c>shortDescription</c>, <c>plan</c>, <c>service</c>,
/// <c>offering</c>, <c>configurationItems</c> (a JSON array of ids), <c>assignmentGroup</c>, <c>implementer</c>,
/// <c>rejectionPolicy</c> (a null value or an empty list is left out). An entry written by 0.1 (keys <c>services</c>
/// and <c>configurationItems</c>, each a comma-separated list) reads with its first service as <see cref="Service"/>.
/// </remarks>
/// <param name="Type">The change type: standard (pre-authorised), normal or emergency.</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="Service">The service it touches, or null.</param>
/// <param name="Implementer">The planned implementer's id, if known.</param>
/// <param name="RejectionPolicy">Where a rejection leads.</param>
public sealed record ChangeOpened(ChangeType Type, string ShortDescription, string Plan, ServiceId? Service, string? Implementer, RejectionPolicy RejectionPolicy) : DomainEvent
{
    /// <summary>The service offering it touches, if given.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items it touches, in order; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; init; } = TicketServiceFields.NoItems;

    /// <summary>The support group that owns it, if given.</summary>
    public SupportGroupId? AssignmentGroup { get; init; }

    /// <inheritdoc/>
    public bool Equals(ChangeOpened? other) =>
        other is not null && Type == other.Type && ShortDescription == other.ShortDescription && Plan == other.Plan
        && Service == other.Service && Implementer == other.Implementer && RejectionPolicy == other.RejectionPolicy
        && Offering == other.Offering && AssignmentGroup == other.AssignmentGroup
        && ConfigurationItems.SequenceEqual(other.ConfigurationItems);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, ShortDescription, Plan, Service, Implementer, RejectionPolicy, Offering, ConfigurationItems.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(
        ("type", Type.ToString()),
        ("shortDescription", ShortDescription),
        ("plan", Plan),
        ("service", Service?.Value),
        ("offering", Offering?.Value),
        ("configurationItems", TicketServiceFields.AuditText(ConfigurationItems)),
        ("assignmentGroup", AssignmentGroup?.Value),
        ("implementer", Implementer),
        ("rejectionPolicy", RejectionPolicy.ToString()));

    internal static ChangeOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        if (data.ContainsKey("services"))
        {
            return ReadLegacy(data);
        }

        var r = new AuditDataReader(data);
        var read = new ChangeOpened(r.Enum<ChangeType>("type"), r.Required("shortDescription"), r.Required("plan"), r.OptionalId("service", v => new ServiceId(v)), r.Optional("implementer"), r.Enum<RejectionPolicy>("rejectionPolicy"))
        {
            Offering = r.OptionalId("offering", v => new ServiceOfferingId(v)),
            ConfigurationItems = r.ConfigurationItems("configurationItems"),
            AssignmentGroup = r.OptionalId("assignmentGroup", v => new SupportGroupId(v)),
        };
        return r.Ok ? read : null;
    }

    // 0.1 recorded the scope as two sorted, comma-separated lists of names, several services allowed.
    private static ChangeOpened? ReadLegacy(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var services = Split(r.Required("services"));
        var items = Split(r.Required("configurationItems"));
        var read = new ChangeOpened(r.Enum<ChangeType>("type"), r.Required("shortDescription"), r.Required("plan"), services is { Length: > 0 } ? new ServiceId(services[0]) : null, r.Optional("implementer"), r.Enum<RejectionPolicy>("rejectionPolicy"))
        {
            ConfigurationItems = items is null ? TicketServiceFields.NoItems : Array.AsReadOnly(items.Select(i => new ConfigurationItemId(i)).ToArray()),
        };
        return r.Ok && services is not null && items is not null ? read : null;
    }

    private static string[]? Split(string text)
    {
        var names = text.Split(", ", StringSplitOptions.RemoveEmptyEntries);
        return names.All(TicketServiceFields.IsId) && names.Distinct(StringComparer.Ordinal).Count() == names.Length ? names : null;
    }
}

using System.Collections.Generic;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Problems;

/// <summary>A problem was logged in state New: the unknown cause of one or more incidents, to be investigated.</summary>
/// <remarks>Audit entry: command <c>Open</c>; data keys <c>shortDescription</c>, <c>service</c>, <c>offering</c>, <c>configurationItems</c> (a JSON array of ids; a null value or an empty list is left out).</remarks>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Service">The affected service, if known.</param>

public sealed record ProblemOpened(string ShortDescription, ServiceId? Service) : DomainEvent
{
    /// <summary>The affected service offering, if given.</summary>
    public ServiceOfferingId? Offering { get; init; }

    /// <summary>The configuration items named at opening, in order; empty for none.</summary>
    public IReadOnlyList<ConfigurationItemId> ConfigurationItems { get; init; } = TicketServiceFields.NoItems;

    /// <inheritdoc/>
    public bool Equals(ProblemOpened? other) =>
        other is not null && ShortDescription == other.ShortDescription && Service == other.Service && Offering == other.Offering
        && System.Linq.Enumerable.SequenceEqual(ConfigurationItems, other.ConfigurationItems);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(ShortDescription, Service, Offering, ConfigurationItems.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Open";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("shortDescription", ShortDescription), ("service", Service?.Value), ("offering", Offering?.Value), ("configurationItems", TicketServiceFields.AuditText(ConfigurationItems)));

    internal static ProblemOpened? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ProblemOpened(r.Required("shortDescription"), r.OptionalId("service", v => new ServiceId(v)))
        {
            Offering = r.OptionalId("offering", v => new ServiceOfferingId(v)),
            ConfigurationItems = r.ConfigurationItems("configurationItems"),
        };
        return r.Ok ? read : null;
    }
}

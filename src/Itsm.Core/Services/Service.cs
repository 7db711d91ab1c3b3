using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A service: what it runs on (configuration items), who is accountable for it and supports it,
/// the agreements that apply, the knowledge that supports it, the value streams it takes part in,
/// and its lifecycle status. Immutable; a <see cref="ServiceModel"/> changes its status.
/// </summary>
public sealed record Service
{
    /// <summary>Creates a service.</summary>
    /// <param name="id">A unique, non-blank id; this is what <c>ScheduledChange.Services</c> holds.</param>
    /// <param name="name">A display name.</param>
    /// <param name="owner">The service owner (a person's id), or <see langword="null"/> when none is named yet (a readiness gap).</param>
    /// <param name="supportGroup">The support group's name, or <see langword="null"/> when none is named yet (a readiness gap).</param>
    /// <param name="configurationItems">The configuration items it depends on directly; <see langword="null"/> for none.</param>
    /// <param name="agreements">The ids of the agreements that apply (SLA, OLA: <c>Itsm.Sla.Agreement.Id</c>); <see langword="null"/> for none.</param>
    /// <param name="knowledgeArticles">The ids of the knowledge articles that support it; <see langword="null"/> for none.</param>
    /// <param name="valueStreams">The names of the value streams it takes part in; <see langword="null"/> for none.</param>
    /// <param name="status">The lifecycle status; <see cref="ServiceStatus.Pipeline"/> by default.</param>
    /// <exception cref="ArgumentException">The id or name is blank, the owner or support group is blank (not null), a list holds a null or blank id, or the status is not defined.</exception>
    public Service(
        string id,
        string name,
        string? owner = null,
        string? supportGroup = null,
        IEnumerable<string>? configurationItems = null,
        IEnumerable<string>? agreements = null,
        IEnumerable<string>? knowledgeArticles = null,
        IEnumerable<string>? valueStreams = null,
        ServiceStatus status = ServiceStatus.Pipeline)
    {
        Id = Names.Required(id, nameof(id));
        Name = Names.Required(name, nameof(name));
        Owner = Names.Optional(owner, nameof(owner));
        SupportGroup = Names.Optional(supportGroup, nameof(supportGroup));
        ConfigurationItems = Names.Normalize(configurationItems, nameof(configurationItems));
        Agreements = Names.Normalize(agreements, nameof(agreements));
        KnowledgeArticles = Names.Normalize(knowledgeArticles, nameof(knowledgeArticles));
        ValueStreams = Names.Normalize(valueStreams, nameof(valueStreams));
        Status = Enum.IsDefined(status) ? status : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a service status.");
    }

    /// <summary>The service's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The service owner, or <see langword="null"/>.</summary>
    public string? Owner { get; }

    /// <summary>The support group's name, or <see langword="null"/>.</summary>
    public string? SupportGroup { get; }

    /// <summary>The configuration items it depends on directly, sorted, without duplicates.</summary>
    public IReadOnlyList<string> ConfigurationItems { get; }

    /// <summary>The ids of the agreements (SLA, OLA) that apply, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Agreements { get; }

    /// <summary>The ids of the knowledge articles that support it, sorted, without duplicates.</summary>
    public IReadOnlyList<string> KnowledgeArticles { get; }

    /// <summary>The names of the value streams it takes part in, sorted, without duplicates.</summary>
    public IReadOnlyList<string> ValueStreams { get; }

    /// <summary>The lifecycle status.</summary>
    public ServiceStatus Status { get; private init; }

    /// <summary>
    /// How critical it is to the business; <see cref="BusinessCriticality.NotCritical"/> unless set
    /// (<c>new Service(...) { Criticality = BusinessCriticality.MostCritical }</c>). Change risk counts the
    /// most critical services a change impacts (<see cref="Itsm.Changes.RiskPolicy"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not defined.</exception>
    public BusinessCriticality Criticality
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a business criticality.");
    }

    /// <summary>The service's id and name.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id} ({Name})";

    internal Service WithStatus(ServiceStatus status) => this with { Status = status };
}

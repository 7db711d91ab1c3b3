using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A service offering: a package of a service offered to a group of consumers (for example
/// "Email - Gold"). It belongs to exactly one service and is affected whenever that service is.
/// </summary>
public sealed record ServiceOffering
{
    /// <summary>Creates a service offering.</summary>
    /// <param name="id">A unique, non-blank id.</param>
    /// <param name="name">A display name.</param>
    /// <param name="service">The id of the service it belongs to.</param>
    /// <param name="owner">The offering's owner, or <see langword="null"/> for the service's owner.</param>
    /// <param name="supportGroup">The offering's support group, or <see langword="null"/> for the service's group.</param>
    /// <param name="agreements">The ids of the agreements (SLA, OLA) that apply to this offering; <see langword="null"/> for none.</param>
    /// <param name="status">The lifecycle status; <see cref="ServiceStatus.Pipeline"/> by default.</param>
    /// <exception cref="ArgumentException">The id, name or service is blank, the owner or group is blank (not null), an agreement id is null or blank, or the status is not defined.</exception>
    public ServiceOffering(
        string id,
        string name,
        string service,
        string? owner = null,
        string? supportGroup = null,
        IEnumerable<string>? agreements = null,
        ServiceStatus status = ServiceStatus.Pipeline)
    {
        Id = Names.Required(id, nameof(id));
        Name = Names.Required(name, nameof(name));
        Service = Names.Required(service, nameof(service));
        Owner = Names.Optional(owner, nameof(owner));
        SupportGroup = Names.Optional(supportGroup, nameof(supportGroup));
        Agreements = Names.Normalize(agreements, nameof(agreements));
        Status = Enum.IsDefined(status) ? status : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a service status.");
    }

    /// <summary>The offering's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The id of the service it belongs to.</summary>
    public string Service { get; }

    /// <summary>The offering's owner, or <see langword="null"/> (the service's owner).</summary>
    public string? Owner { get; }

    /// <summary>The offering's support group, or <see langword="null"/> (the service's group).</summary>
    public string? SupportGroup { get; }

    /// <summary>The ids of the agreements that apply, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Agreements { get; }

    /// <summary>The lifecycle status.</summary>
    public ServiceStatus Status { get; }
}

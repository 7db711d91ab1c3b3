using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// A supplier or partner, its underpinning contracts, and the services and configuration items it
/// supports. A configuration item a supplier supports is an external dependency of every service
/// that depends on it (directly or transitively).
/// </summary>
public sealed record Supplier
{
    /// <summary>Creates a supplier or partner.</summary>
    /// <param name="id">A unique, non-blank id.</param>
    /// <param name="name">A display name.</param>
    /// <param name="kind">Supplier or partner.</param>
    /// <param name="contracts">The ids of its underpinning contracts (<c>Itsm.Sla.Agreement.Id</c> of kind underpinning contract); <see langword="null"/> for none.</param>
    /// <param name="services">The ids of the services it supports; <see langword="null"/> for none.</param>
    /// <param name="configurationItems">The ids of the configuration items it supports; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The id or name is blank, the kind is not defined, or a list holds a null or blank id.</exception>
    public Supplier(
        string id,
        string name,
        SupplierKind kind = SupplierKind.Supplier,
        IEnumerable<string>? contracts = null,
        IEnumerable<string>? services = null,
        IEnumerable<string>? configurationItems = null)
    {
        Id = Names.Required(id, nameof(id));
        Name = Names.Required(name, nameof(name));
        Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a supplier kind.");
        Contracts = Names.Normalize(contracts, nameof(contracts));
        Services = Names.Normalize(services, nameof(services));
        ConfigurationItems = Names.Normalize(configurationItems, nameof(configurationItems));
    }

    /// <summary>The supplier's unique id.</summary>
    public string Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>Supplier or partner.</summary>
    public SupplierKind Kind { get; }

    /// <summary>The ids of its underpinning contracts, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Contracts { get; }

    /// <summary>The ids of the services it supports, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>The ids of the configuration items it supports, sorted, without duplicates.</summary>
    public IReadOnlyList<string> ConfigurationItems { get; }
}

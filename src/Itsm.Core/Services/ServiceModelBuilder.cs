using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Sla;
using Itsm.Text;

namespace Itsm.Services;

/// <summary>
/// Collects the parts of a <see cref="ServiceModel"/> and validates them together in
/// <see cref="Build"/>. Not thread-safe; the model it builds is immutable and thread-safe.
/// </summary>
public sealed class ServiceModelBuilder
{
    private readonly List<Service> _services = [];
    private readonly List<ServiceOffering> _offerings = [];
    private readonly List<ConfigurationItem> _items = [];
    private readonly List<Supplier> _suppliers = [];
    private readonly List<SupportGroup> _groups = [];
    private readonly List<Practice> _practices = [];
    private readonly List<ValueStream> _streams = [];
    private readonly List<RelationshipType> _types = [];
    private List<Agreement>? _agreements;

    /// <summary>Adds a service.</summary>
    /// <param name="service">The service.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public ServiceModelBuilder Add(Service service)
    {
        _services.Add(Guard.Against.Null(service));
        return this;
    }

    /// <summary>Adds a service offering.</summary>
    /// <param name="offering">The offering.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="offering"/> is null.</exception>
    public ServiceModelBuilder Add(ServiceOffering offering)
    {
        _offerings.Add(Guard.Against.Null(offering));
        return this;
    }

    /// <summary>Adds a configuration item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public ServiceModelBuilder Add(ConfigurationItem item)
    {
        _items.Add(Guard.Against.Null(item));
        return this;
    }

    /// <summary>Adds a supplier or partner.</summary>
    /// <param name="supplier">The supplier.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="supplier"/> is null.</exception>
    public ServiceModelBuilder Add(Supplier supplier)
    {
        _suppliers.Add(Guard.Against.Null(supplier));
        return this;
    }

    /// <summary>Adds a support group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
    public ServiceModelBuilder Add(SupportGroup group)
    {
        _groups.Add(Guard.Against.Null(group));
        return this;
    }

    /// <summary>Adds a practice.</summary>
    /// <param name="practice">The practice.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="practice"/> is null.</exception>
    public ServiceModelBuilder Add(Practice practice)
    {
        _practices.Add(Guard.Against.Null(practice));
        return this;
    }

    /// <summary>Adds a value stream (for example <see cref="ValueStream.RestoreService"/>).</summary>
    /// <param name="stream">The value stream.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public ServiceModelBuilder Add(ValueStream stream)
    {
        _streams.Add(Guard.Against.Null(stream));
        return this;
    }

    /// <summary>
    /// Adds a host-defined relationship type (the built-in ones, <see cref="RelationshipType.BuiltIn"/>,
    /// are always known). A type a configuration item's relationship uses is known without being added;
    /// adding it states its definition, which every relationship of that name must then match.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public ServiceModelBuilder Add(RelationshipType type)
    {
        _types.Add(Guard.Against.Null(type));
        return this;
    }

    /// <summary>
    /// Checks the model against <paramref name="agreements"/> when it is built: every agreement id a
    /// service or offering names is one of them; every contract a supplier names is an underpinning
    /// contract (<see cref="AgreementKind.UnderpinningContract"/>) whose <see cref="Agreement.Supplier"/> is
    /// that supplier; and every underpinning contract's supplier is in the model. Without this call,
    /// agreement ids are not checked. A later call replaces the list.
    /// </summary>
    /// <param name="agreements">The agreements that exist.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="agreements"/> is null.</exception>
    public ServiceModelBuilder CheckAgreements(IEnumerable<Agreement> agreements)
    {
        _agreements = [.. Guard.Against.Null(agreements)];
        return this;
    }

    /// <summary>Validates the parts and builds the model.</summary>
    /// <returns>The immutable model.</returns>
    /// <exception cref="DomainRuleViolationException">
    /// Code <see cref="ServiceModel.InvalidModelCode"/>: an id or name is used twice within its kind, a
    /// reference (a configuration item, a relationship's target, service, support group or value stream)
    /// is not in the model, two relationship types share a name but not a definition, or (with
    /// <see cref="CheckAgreements"/>) an agreement link is broken; every problem is listed. Code
    /// <see cref="ServiceModel.CycleCode"/>: the relationships of the acyclic types (followed from the
    /// dependent item to what it depends on) form a cycle; the message names it, for example
    /// <c>The configuration item dependencies form a cycle: app -> db -> app.</c>
    /// </exception>
    /// <remarks>Reference problems are reported first; cycles are looked for only in a model whose references all resolve.</remarks>
    public ServiceModel Build()
    {
        var errors = new List<string>();
        var services = Unique(_services, s => s.Id, "service", errors);
        var offerings = Unique(_offerings, o => o.Id, "offering", errors);
        var items = Unique(_items, i => i.Id, "configuration item", errors);
        var suppliers = Unique(_suppliers, s => s.Id, "supplier", errors);
        var groups = Unique(_groups, g => g.Name, "support group", errors);
        var practices = Unique(_practices, p => p.Name, "practice", errors);
        var streams = Unique(_streams, s => s.Name, "value stream", errors);

        var types = RelationshipTypes(items.Values, errors);
        foreach (var item in items.Values)
        {
            foreach (var relationship in item.Relationships)
            {
                Missing([relationship.Target], items, $"configuration item '{QuotedText.Of(item.Id)}' {relationship.Type.Name.ToLowerInvariant()}", "configuration item", errors);
            }
        }

        foreach (var service in services.Values)
        {
            Missing(service.ConfigurationItems, items, $"service '{QuotedText.Of(service.Id)}' depends on", "configuration item", errors);
            Missing(service.SupportGroup is null ? [] : [service.SupportGroup], groups, $"service '{QuotedText.Of(service.Id)}' is supported by", "support group", errors);
            Missing(service.ValueStreams, streams, $"service '{QuotedText.Of(service.Id)}' takes part in", "value stream", errors);
        }

        foreach (var offering in offerings.Values)
        {
            Missing([offering.Service], services, $"offering '{QuotedText.Of(offering.Id)}' belongs to", "service", errors);
            Missing(offering.SupportGroup is null ? [] : [offering.SupportGroup], groups, $"offering '{QuotedText.Of(offering.Id)}' is supported by", "support group", errors);
        }

        foreach (var supplier in suppliers.Values)
        {
            Missing(supplier.Services, services, $"supplier '{QuotedText.Of(supplier.Id)}' supports", "service", errors);
            Missing(supplier.ConfigurationItems, items, $"supplier '{QuotedText.Of(supplier.Id)}' supports", "configuration item", errors);
        }

        if (_agreements is not null)
        {
            errors.AddRange(SupplierContracts.Problems(services, offerings, suppliers, _agreements, servicesToo: true));
        }

        if (errors.Count > 0)
        {
            throw new DomainRuleViolationException(ServiceModel.InvalidModelCode, ErrorList.Format("service model", errors));
        }

        var graph = new DependencyGraph(items.Values);
        if (graph.FindCycle() is { } cycle)
        {
            throw new DomainRuleViolationException(ServiceModel.CycleCode, "The configuration item dependencies form a cycle: " + string.Join(" -> ", cycle) + ".");
        }

        return new ServiceModel(services, offerings, items, suppliers, groups, practices, streams, types, graph);
    }

    // The built-in types, the added ones, and those the items' relationships use; one definition per name.
    private SortedDictionary<string, RelationshipType> RelationshipTypes(IEnumerable<ConfigurationItem> items, List<string> errors)
    {
        var types = new SortedDictionary<string, RelationshipType>(StringComparer.Ordinal);
        foreach (var type in RelationshipType.BuiltIn)
        {
            types[type.Name] = type;
        }

        void Use(RelationshipType type)
        {
            if (types.TryGetValue(type.Name, out var known) && known != type)
            {
                string message = $"relationship type '{QuotedText.Of(type.Name)}' is defined twice: as {Describe(known)} and as {Describe(type)}.";
                if (!errors.Contains(message, StringComparer.Ordinal))
                {
                    errors.Add(message);
                }
            }
            else
            {
                types[type.Name] = type;
            }
        }

        _types.ForEach(Use);
        foreach (var item in items)
        {
            foreach (var relationship in item.Relationships)
            {
                Use(relationship.Type);
            }
        }

        return types;
    }

    private static string Describe(RelationshipType type) => $"'{QuotedText.Of(type.ToString())}' ({type.Flow}{(type.Acyclic ? ", acyclic" : string.Empty)})";

    private static SortedDictionary<string, T> Unique<T>(List<T> parts, Func<T, string> key, string kind, List<string> errors)
    {
        var map = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!map.TryAdd(key(part), part))
            {
                string message = $"{kind} '{QuotedText.Of(key(part))}' is added more than once.";
                if (!errors.Contains(message, StringComparer.Ordinal))
                {
                    errors.Add(message);
                }
            }
        }

        return map;
    }

    private static void Missing<T>(IEnumerable<string> ids, SortedDictionary<string, T> known, string what, string kind, List<string> errors)
    {
        foreach (var id in ids)
        {
            if (!known.ContainsKey(id))
            {
                errors.Add($"{what} {kind} '{QuotedText.Of(id)}', which is not in the model.");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Services;

/// <summary>
/// The service model: services and their offerings, the configuration items they run on and the
/// dependencies between them, suppliers and partners with their contracts, support groups,
/// practices and value streams. Built and validated by a <see cref="ServiceModelBuilder"/>;
/// immutable and thread-safe (<see cref="GoLive"/> and <see cref="Retire"/> return new models).
/// </summary>
/// <remarks>
/// <para>Configuration items relate to each other by typed relationships (<see cref="RelationshipType"/>:
/// depends on, runs on, hosted on, connects to, or the host's own); a service depends on configuration
/// items, and an offering belongs to a service. The relationships of acyclic types (all but connects to,
/// by default) form no cycle, followed from the dependent item to what it depends on (a cycle is
/// rejected when the model is built).</para>
/// <para>An outage of a configuration item affects every item it reaches along relationships whose
/// <see cref="RelationshipType.Flow"/> carries it, directly or transitively, every service that depends
/// on one of those, and every offering of those services (<see cref="ImpactOf(IEnumerable{string})"/>).</para>
/// </remarks>
public sealed class ServiceModel
{
    /// <summary>The stable code of an invalid model (duplicate ids, unknown references).</summary>
    public const string InvalidModelCode = "ITSM-SVC-MODEL-001";

    /// <summary>
    /// The stable code of a command that names a service, offering, configuration item, supplier, support
    /// group or agreement the tenant's service model does not hold (or an offering of another service).
    /// </summary>
    public const string UnknownReferenceCode = "ITSM-SVC-REF-001";

    /// <summary>The stable code of a dependency cycle between configuration items.</summary>
    public const string CycleCode = "ITSM-SVC-CYCLE-001";

    /// <summary>The stable code of a service that cannot go Live because its readiness check found gaps.</summary>
    public const string NotReadyCode = "ITSM-SVC-READY-001";

    private readonly SortedDictionary<string, Service> _services;
    private readonly SortedDictionary<string, ServiceOffering> _offerings;
    private readonly SortedDictionary<string, ConfigurationItem> _items;
    private readonly SortedDictionary<string, Supplier> _suppliers;
    private readonly SortedDictionary<string, SupportGroup> _groups;
    private readonly SortedDictionary<string, Practice> _practices;
    private readonly SortedDictionary<string, ValueStream> _streams;
    private readonly SortedDictionary<string, RelationshipType> _types;
    private readonly DependencyGraph _graph;

    internal ServiceModel(
        SortedDictionary<string, Service> services,
        SortedDictionary<string, ServiceOffering> offerings,
        SortedDictionary<string, ConfigurationItem> items,
        SortedDictionary<string, Supplier> suppliers,
        SortedDictionary<string, SupportGroup> groups,
        SortedDictionary<string, Practice> practices,
        SortedDictionary<string, ValueStream> streams,
        SortedDictionary<string, RelationshipType> relationshipTypes,
        DependencyGraph graph)
    {
        _services = services;
        _offerings = offerings;
        _items = items;
        _suppliers = suppliers;
        _groups = groups;
        _practices = practices;
        _streams = streams;
        _types = relationshipTypes;
        _graph = graph;
    }

    /// <summary>The services, by id.</summary>
    public IReadOnlyDictionary<string, Service> Services => _services;

    /// <summary>The service offerings, by id.</summary>
    public IReadOnlyDictionary<string, ServiceOffering> Offerings => _offerings;

    /// <summary>The configuration items, by id.</summary>
    public IReadOnlyDictionary<string, ConfigurationItem> ConfigurationItems => _items;

    /// <summary>The suppliers and partners, by id.</summary>
    public IReadOnlyDictionary<string, Supplier> Suppliers => _suppliers;

    /// <summary>The support groups, by name.</summary>
    public IReadOnlyDictionary<string, SupportGroup> SupportGroups => _groups;

    /// <summary>The practices, by name.</summary>
    public IReadOnlyDictionary<string, Practice> Practices => _practices;

    /// <summary>The value streams, by name.</summary>
    public IReadOnlyDictionary<string, ValueStream> ValueStreams => _streams;

    /// <summary>The relationship types, by name: the built-in ones, those added to the builder and those the items' relationships use.</summary>
    public IReadOnlyDictionary<string, RelationshipType> RelationshipTypes => _types;

    /// <summary>
    /// What an outage of <paramref name="configurationItem"/> affects: the items its outage reaches
    /// transitively, the services that depend on any of them, and those services' offerings.
    /// </summary>
    /// <param name="configurationItem">The id of the failed configuration item.</param>
    /// <returns>The impact; use <see cref="ImpactAnalysis.ChangesTouching"/> for the scheduled changes it touches.</returns>
    /// <exception cref="ArgumentException"><paramref name="configurationItem"/> is blank or not in the model.</exception>
    /// <remarks>Cost: O(items and relationships reached + services + offerings).</remarks>
    public ImpactAnalysis ImpactOf(string configurationItem)
    {
        FieldCheck.Required(configurationItem, FieldLimits.Id);
        if (!_graph.Contains(configurationItem))
        {
            throw new ArgumentException($"Configuration item '{QuotedText.Of(configurationItem)}' is not in the model.", nameof(configurationItem));
        }

        return ImpactOf([configurationItem]);
    }

    /// <summary>
    /// What an outage of every item in <paramref name="configurationItems"/> at once affects (an
    /// incident on several CIs): the items their outage reaches along relationships whose
    /// <see cref="RelationshipType.Flow"/> carries it (a <c>Depends on</c>, <c>Runs on</c> or <c>Hosted on</c>
    /// relationship from its target to its source, <c>Connects to</c> both ways), transitively; the
    /// services that depend on any of those items; and those services' offerings.
    /// </summary>
    /// <param name="configurationItems">The ids of the failed configuration items (possibly empty: nothing is affected).</param>
    /// <returns>The impact, every list sorted ordinally.</returns>
    /// <exception cref="ArgumentException">The list is null, or an id is blank or not in the model (every unknown id is named).</exception>
    /// <remarks>Cost: O(items and relationships reached + services + offerings), however many items fail.</remarks>
    public ImpactAnalysis ImpactOf(IEnumerable<string> configurationItems)
    {
        Guard.Against.Null(configurationItems);
        var failed = Names.Normalize(configurationItems, nameof(configurationItems), FieldLimits.LinkedRecords);
        var unknown = Array.FindAll(failed, id => !_graph.Contains(id));
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                "Configuration item " + string.Join(", ", unknown.Select(u => $"'{QuotedText.Of(u)}'")) + (unknown.Length == 1 ? " is" : " are") + " not in the model.",
                nameof(configurationItems));
        }

        var items = _graph.Reach(failed, upward: true);
        var services = _services.Values.Where(s => s.ConfigurationItems.Any(items.Contains)).Select(s => s.Id).ToArray();
        var affected = new HashSet<string>(services, StringComparer.Ordinal);
        var offerings = _offerings.Values.Where(o => affected.Contains(o.Service)).Select(o => o.Id).ToArray();
        return new ImpactAnalysis(failed, items.Order(StringComparer.Ordinal).ToArray(), services, offerings);
    }

    /// <summary>
    /// What a ticket affects (an incident's impact): the outage of its configuration items, as
    /// <see cref="ImpactOf(IEnumerable{string})"/> computes it, with the ticket's own service counted as affected
    /// (and so its offerings) even when none of its items reaches it. For an incident use
    /// <c>ImpactOfTicket(incident.ConfigurationItems, incident.Service)</c>; the engine's
    /// <c>ItsmEngine.ImpactOfIncidentAsync</c> does that with the tenant's stored model.
    /// </summary>
    /// <param name="configurationItems">
    /// The ticket's configuration items, the failed ones. Ids the model does not hold are left out: a ticket recorded
    /// before the model dropped an item still has an impact (the engine checked its ids when they were set).
    /// </param>
    /// <param name="service">The ticket's service, or <see langword="null"/>; left out when the model does not hold it.</param>
    /// <returns>
    /// The impact, every list sorted ordinally: <see cref="ImpactAnalysis.FailedConfigurationItems"/> are the ticket's
    /// items the model holds; <see cref="ImpactAnalysis.AffectedServices"/> the services their outage reaches plus
    /// <paramref name="service"/>; <see cref="ImpactAnalysis.AffectedOfferings"/> every offering of those services.
    /// A ticket with no items and no service affects nothing.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="configurationItems"/> is null or holds a <c>default</c> id, or <paramref name="service"/> is <c>default</c>.</exception>
    /// <remarks>Cost: as <see cref="ImpactOf(IEnumerable{string})"/>.</remarks>
    public ImpactAnalysis ImpactOfTicket(IEnumerable<ConfigurationItemId> configurationItems, ServiceId? service = null)
    {
        Guard.Against.Null(configurationItems);
        var held = new List<string>();
        foreach (var item in configurationItems)
        {
            if (item.Value is null)
            {
                throw new ArgumentException("A configuration item id is default (empty).", nameof(configurationItems));
            }

            if (_graph.Contains(item.Value))
            {
                held.Add(item.Value);
            }
        }

        if (service is { } given && given.Value is null)
        {
            throw new ArgumentException("The service id is default (empty).", nameof(service));
        }

        var impact = ImpactOf(held);
        if (service is not { } own || !_services.ContainsKey(own.Value) || impact.AffectedServices.Contains(own.Value, StringComparer.Ordinal))
        {
            return impact;
        }

        var services = impact.AffectedServices.Append(own.Value).Order(StringComparer.Ordinal).ToArray();
        var affected = new HashSet<string>(services, StringComparer.Ordinal);
        var offerings = _offerings.Values.Where(o => affected.Contains(o.Service)).Select(o => o.Id).ToArray();
        return new ImpactAnalysis([.. impact.FailedConfigurationItems], [.. impact.AffectedConfigurationItems], services, offerings);
    }

    /// <summary>
    /// The configuration items related to any of <paramref name="configurationItems"/> within
    /// <paramref name="depth"/> hops, through relationships of any type followed in either direction
    /// (the items themselves at hop 0). Ids not in the model are left out.
    /// </summary>
    /// <param name="configurationItems">The ids to start from.</param>
    /// <param name="depth">How many hops to follow; 0 for the items themselves.</param>
    /// <returns>The item ids, sorted ordinally.</returns>
    /// <exception cref="ArgumentException">The list is null, or <paramref name="depth"/> is negative.</exception>
    public IReadOnlyList<string> RelatedWithin(IEnumerable<string> configurationItems, int depth)
    {
        Guard.Against.Null(configurationItems);
        Guard.Against.Negative(depth);
        return _graph.Within(configurationItems, depth).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every configuration item <paramref name="service"/> depends on, directly or transitively.</summary>
    /// <param name="service">The service's id.</param>
    /// <returns>The item ids, sorted ordinally.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    public IReadOnlyList<string> DependenciesOf(string service) =>
        _graph.Reach(GetService(service, nameof(service)).ConfigurationItems, upward: false).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The offerings of <paramref name="service"/>.</summary>
    /// <param name="service">The service's id.</param>
    /// <returns>The offerings, sorted by id.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    public IReadOnlyList<ServiceOffering> OfferingsOf(string service)
    {
        var id = GetService(service, nameof(service)).Id;
        return _offerings.Values.Where(o => o.Service == id).ToArray();
    }

    /// <summary>The suppliers and partners that support <paramref name="service"/> itself or any configuration item it depends on (transitively).</summary>
    /// <param name="service">The service's id.</param>
    /// <returns>The suppliers, sorted by id.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    public IReadOnlyList<Supplier> SuppliersOf(string service)
    {
        var s = GetService(service, nameof(service));
        var items = _graph.Reach(s.ConfigurationItems, upward: false);
        return _suppliers.Values.Where(p => p.Services.Contains(s.Id, StringComparer.Ordinal) || p.ConfigurationItems.Any(items.Contains)).ToArray();
    }

    /// <summary>
    /// The readiness check of <paramref name="service"/> along the four dimensions of service
    /// management. Each gap names its dimension:
    /// <list type="bullet">
    /// <item><description>organizations and people: no service owner; no support group; a support group without members;</description></item>
    /// <item><description>information and technology: no configuration item; no knowledge article;</description></item>
    /// <item><description>partners and suppliers: an external dependency (the service itself, or a configuration item it depends on transitively, supported by a supplier or partner) whose supplier has no underpinning contract — one gap per (dependency, supplier);</description></item>
    /// <item><description>value streams and processes: the service takes part in no value stream.</description></item>
    /// </list>
    /// </summary>
    /// <param name="service">The service's id.</param>
    /// <returns>The gaps, ordered by dimension (in the order above), then by item; empty when the service is ready.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    public IReadOnlyList<ReadinessGap> ReadinessGaps(string service)
    {
        var s = GetService(service, nameof(service));
        var gaps = new List<ReadinessGap>();
        void Gap(ServiceDimension dimension, string text) => gaps.Add(new ReadinessGap(dimension, text));

        if (s.Owner is null)
        {
            Gap(ServiceDimension.OrganizationsAndPeople, $"Service '{QuotedText.Of(s.Id)}' has no service owner.");
        }

        if (s.SupportGroup is null)
        {
            Gap(ServiceDimension.OrganizationsAndPeople, $"Service '{QuotedText.Of(s.Id)}' has no support group.");
        }
        else if (_groups[s.SupportGroup].Members.Count == 0)
        {
            Gap(ServiceDimension.OrganizationsAndPeople, $"Support group '{QuotedText.Of(s.SupportGroup)}' of service '{QuotedText.Of(s.Id)}' has no members.");
        }

        if (s.ConfigurationItems.Count == 0)
        {
            Gap(ServiceDimension.InformationAndTechnology, $"Service '{QuotedText.Of(s.Id)}' depends on no configuration item.");
        }

        if (s.KnowledgeArticles.Count == 0)
        {
            Gap(ServiceDimension.InformationAndTechnology, $"Service '{QuotedText.Of(s.Id)}' has no knowledge article.");
        }

        foreach (var supplier in _suppliers.Values)
        {
            if (supplier.Contracts.Count == 0 && supplier.Services.Contains(s.Id, StringComparer.Ordinal))
            {
                Gap(ServiceDimension.PartnersAndSuppliers, $"Service '{QuotedText.Of(s.Id)}' is supported by {Kind(supplier)} '{QuotedText.Of(supplier.Id)}', which has no underpinning contract.");
            }
        }

        var items = _graph.Reach(s.ConfigurationItems, upward: false).Order(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var supplier in _suppliers.Values)
            {
                if (supplier.Contracts.Count == 0 && supplier.ConfigurationItems.Contains(item, StringComparer.Ordinal))
                {
                    Gap(ServiceDimension.PartnersAndSuppliers, $"Configuration item '{QuotedText.Of(item)}' is supported by {Kind(supplier)} '{QuotedText.Of(supplier.Id)}', which has no underpinning contract.");
                }
            }
        }

        if (s.ValueStreams.Count == 0)
        {
            Gap(ServiceDimension.ValueStreamsAndProcesses, $"Service '{QuotedText.Of(s.Id)}' takes part in no value stream.");
        }

        return gaps;
    }

    /// <summary>
    /// This model with <paramref name="service"/> Live. Refuses when the readiness check finds a gap:
    /// a service does not go Live with a gap (the gaps are in the exception's message, one per line,
    /// prefixed by their dimension; <see cref="ReadinessGaps"/> returns them as data).
    /// </summary>
    /// <param name="service">The service's id.</param>
    /// <returns>A new model.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    /// <exception cref="InvalidTransitionException">The service is not in the Pipeline (only Pipeline goes Live).</exception>
    /// <exception cref="DomainRuleViolationException">Code <see cref="NotReadyCode"/>: the readiness check found gaps; nothing changed.</exception>
    public ServiceModel GoLive(string service)
    {
        var s = GetService(service, nameof(service));
        if (s.Status != ServiceStatus.Pipeline)
        {
            throw Refused(s, "GoLive");
        }

        var gaps = ReadinessGaps(s.Id);
        if (gaps.Count > 0)
        {
            throw new DomainRuleViolationException(NotReadyCode, ErrorList.Format($"Live transition of service '{QuotedText.Of(s.Id)}'", gaps.Select(g => g.ToString()).ToArray()));
        }

        return WithService(s.WithStatus(ServiceStatus.Live));
    }

    /// <summary>This model with <paramref name="service"/> Retired (from Pipeline or Live).</summary>
    /// <param name="service">The service's id.</param>
    /// <returns>A new model.</returns>
    /// <exception cref="ArgumentException"><paramref name="service"/> is blank or not in the model.</exception>
    /// <exception cref="InvalidTransitionException">The service is already Retired (a terminal status).</exception>
    public ServiceModel Retire(string service)
    {
        var s = GetService(service, nameof(service));
        if (s.Status == ServiceStatus.Retired)
        {
            throw Refused(s, "Retire");
        }

        return WithService(s.WithStatus(ServiceStatus.Retired));
    }

    /// <summary>
    /// The roles <paramref name="person"/> holds: service owner of the services (and offerings) they
    /// own, process owner of the practices they own, practitioner in the support groups they are a
    /// member of.
    /// </summary>
    /// <param name="person">A person's id.</param>
    /// <returns>The roles, ordered by role, then by scope; empty when none.</returns>
    /// <exception cref="ArgumentException"><paramref name="person"/> is blank.</exception>
    public IReadOnlyList<RoleAssignment> RolesOf(string person)
    {
        FieldCheck.Required(person, FieldLimits.Id);
        var roles = new List<RoleAssignment>();
        roles.AddRange(_services.Values.Where(s => s.Owner == person).Select(s => new RoleAssignment(ServiceRole.ServiceOwner, s.Id)));
        roles.AddRange(_offerings.Values.Where(o => o.Owner == person).Select(o => new RoleAssignment(ServiceRole.ServiceOwner, o.Id)));
        roles.AddRange(_practices.Values.Where(p => p.ProcessOwner == person).Select(p => new RoleAssignment(ServiceRole.ProcessOwner, p.Name)));
        roles.AddRange(_groups.Values.Where(g => g.Members.Contains(person, StringComparer.Ordinal)).Select(g => new RoleAssignment(ServiceRole.Practitioner, g.Name)));
        return roles.OrderBy(r => r.Role).ThenBy(r => r.Scope, StringComparer.Ordinal).ToArray();
    }

    private static string Kind(Supplier supplier) => supplier.Kind == SupplierKind.Partner ? "partner" : "supplier";

    private static InvalidTransitionException Refused(Service s, string trigger) =>
        new("Service", s.Status.ToString(), trigger, s.Status switch
        {
            ServiceStatus.Pipeline => ["GoLive", "Retire"],
            ServiceStatus.Live => ["Retire"],
            _ => [],
        });

    private Service GetService(string service, string paramName)
    {
        Guard.Against.NullOrWhiteSpace(service, paramName);
        return _services.TryGetValue(service, out var s)
            ? s
            : throw new ArgumentException($"Service '{QuotedText.Of(service)}' is not in the model.", paramName);
    }

    private ServiceModel WithService(Service service)
    {
        var services = new SortedDictionary<string, Service>(_services, StringComparer.Ordinal) { [service.Id] = service };
        return new ServiceModel(services, _offerings, _items, _suppliers, _groups, _practices, _streams, _types, _graph);
    }
}

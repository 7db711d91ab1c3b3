using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Services;

namespace Itsm.Testing;

// The service model: services, offerings, configuration items and their dependencies, suppliers, groups.
public static partial class ItsmGenerators
{
    /// <summary>
    /// A valid service model (<see cref="ServiceModelBuilder.Build"/> accepts it): 1-8 configuration items
    /// <c>ci-0</c>, <c>ci-1</c>, ... related by depends on, runs on and hosted on relationships that form an
    /// acyclic graph (shared dependencies, diamonds, chains) and by connects to relationships (which may
    /// form cycles), the support groups <c>Service desk</c> and <c>Network</c>, 1-4 services <c>svc-0</c>, ...
    /// of every status and business criticality with or without an owner and a group, each depending on
    /// some of the items and with 0-2 offerings, and 0-3 suppliers or partners of some services and items. Use
    /// <see cref="ServiceModel.ImpactOf(string)"/> and <see cref="ServiceModel.ReadinessGaps"/> over it.
    /// </summary>
    public static Gen<ServiceModel> ServiceModels =>
        from itemCount in Gen.Choose(1, 8)
        from dependencies in Gen.ArrayOf(ListOf(Gen.Choose(0, 255), 3), itemCount)
        from services in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(ServiceShapes, n))
        from suppliers in ListOf(SupplierShapes, 3)
        select BuildServiceModel(itemCount, dependencies, services, suppliers);

    private static readonly string?[] Groups = [null, "Service desk", "Network"];

    private static Gen<(string? Owner, string? Group, int[] Items, ServiceStatus Status, int Offerings, BusinessCriticality Criticality)> ServiceShapes =>
        from owner in Gen.Elements<string?>(null, "olivia", "omar")
        from supportGroup in Gen.Elements(Groups)
        from items in ListOf(Gen.Choose(0, 63), 3)
        from status in Gen.Elements(System.Enum.GetValues<ServiceStatus>())
        from offerings in Gen.Choose(0, 2)
        from criticality in Gen.Elements(System.Enum.GetValues<BusinessCriticality>())
        select (owner, supportGroup, items, status, offerings, criticality);

    // Depends on, runs on and hosted on point at a lower number (acyclic); connects to may point either way.
    private static readonly RelationshipType[] ItemRelationships = [RelationshipType.DependsOn, RelationshipType.RunsOn, RelationshipType.HostedOn, RelationshipType.ConnectsTo];

    private static Gen<(SupplierKind Kind, int[] Services, int[] Items)> SupplierShapes =>
        from kind in Gen.Elements(SupplierKind.Supplier, SupplierKind.Partner)
        from services in ListOf(Gen.Choose(0, 63), 2)
        from items in ListOf(Gen.Choose(0, 63), 2)
        select (kind, services, items);

    private static Gen<T[]> ListOf<T>(Gen<T> gen, int max) => Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(gen, n));

    private static ServiceModel BuildServiceModel(
        int itemCount,
        int[][] dependencies,
        (string? Owner, string? Group, int[] Items, ServiceStatus Status, int Offerings, BusinessCriticality Criticality)[] services,
        (SupplierKind Kind, int[] Services, int[] Items)[] suppliers)
    {
        static string Item(int i) => $"ci-{i}";
        var builder = new ServiceModelBuilder()
            .Add(new SupportGroup("Service desk", ["agent-1", "agent-2"]))
            .Add(new SupportGroup("Network", ["agent-2"]));

        // An item depends only on items with a lower number, so the acyclic types form no cycle; a
        // connects-to from a lower to a higher number closes cycles that are allowed.
        for (int i = 0; i < itemCount; i++)
        {
            var relationships = i == 0 ? new System.Collections.Generic.List<ConfigurationItemRelationship>() : dependencies[i].Select(d => new ConfigurationItemRelationship(ItemRelationships[d / 64], Item(d % i))).ToList();
            if (i + 1 < itemCount && dependencies[i].Any(d => d / 64 == 3))
            {
                relationships.Add(new ConfigurationItemRelationship(RelationshipType.ConnectsTo, Item(i + 1)));
            }

            builder.Add(new ConfigurationItem(Item(i), $"Item {i}", relationships: relationships));
        }

        for (int s = 0; s < services.Length; s++)
        {
            var (owner, group, items, status, offerings, criticality) = services[s];
            string id = $"svc-{s}";
            builder.Add(new Service(id, $"Service {s}", owner, group, items.Select(i => Item(i % itemCount)).Distinct(), status: status) { Criticality = criticality });
            for (int o = 0; o < offerings; o++)
            {
                builder.Add(new ServiceOffering($"{id}-offering-{o}", $"Offering {o} of service {s}", id, status: status));
            }
        }

        for (int p = 0; p < suppliers.Length; p++)
        {
            var (kind, supported, items) = suppliers[p];
            builder.Add(new Supplier(
                $"supplier-{p}",
                $"Supplier {p}",
                kind,
                services: supported.Select(i => $"svc-{i % services.Length}").Distinct(),
                configurationItems: items.Select(i => Item(i % itemCount)).Distinct()));
        }

        return builder.Build();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Services;
using Itsm.Text;

namespace Itsm.ServiceModelRecords;

/// <summary>A model's parts as editable copies: an edit changes them, then <see cref="Build"/> validates the result as a whole.</summary>
internal sealed class ServiceModelParts
{
    private ServiceModelParts(ServiceModel model)
    {
        Services = new(model.Services.ToDictionary(), StringComparer.Ordinal);
        Offerings = new(model.Offerings.ToDictionary(), StringComparer.Ordinal);
        Items = new(model.ConfigurationItems.ToDictionary(), StringComparer.Ordinal);
        Suppliers = new(model.Suppliers.ToDictionary(), StringComparer.Ordinal);
        Groups = new(model.SupportGroups.ToDictionary(), StringComparer.Ordinal);
        Practices = [.. model.Practices.Values];
        Streams = [.. model.ValueStreams.Values];
        Types = [.. ServiceModelJson.HostDefinedTypes(model)];
    }

    internal SortedDictionary<string, Service> Services { get; }

    internal SortedDictionary<string, ServiceOffering> Offerings { get; }

    internal SortedDictionary<string, ConfigurationItem> Items { get; }

    internal SortedDictionary<string, Supplier> Suppliers { get; }

    internal SortedDictionary<string, SupportGroup> Groups { get; }

    internal List<Practice> Practices { get; }

    internal List<ValueStream> Streams { get; }

    internal List<RelationshipType> Types { get; }

    internal static ServiceModelParts Of(ServiceModel model) => new(model);

    /// <summary>Adds <paramref name="part"/>; refuses an id already in the model.</summary>
    internal static void Add<T>(SortedDictionary<string, T> parts, string kind, string id, T part)
    {
        if (!parts.TryAdd(id, part))
        {
            throw new DomainRuleViolationException(ServiceModelRecord.AlreadyInModelCode, $"The service model already holds {kind} '{QuotedText.Of(id)}'.");
        }
    }

    /// <summary>The part with <paramref name="id"/>; refuses an id not in the model.</summary>
    internal static T Get<T>(SortedDictionary<string, T> parts, string kind, string id) =>
        parts.TryGetValue(id, out var part)
            ? part
            : throw new DomainRuleViolationException(ServiceModelRecord.NotInModelCode, $"The service model holds no {kind} '{QuotedText.Of(id)}'.");

    /// <summary>Replaces the part with <paramref name="id"/>; refuses an id not in the model.</summary>
    internal static void Replace<T>(SortedDictionary<string, T> parts, string kind, string id, T part)
    {
        Get(parts, kind, id);
        parts[id] = part;
    }

    /// <summary>Removes the part with <paramref name="id"/>; refuses an id not in the model.</summary>
    internal static void Remove<T>(SortedDictionary<string, T> parts, string kind, string id)
    {
        Get(parts, kind, id);
        parts.Remove(id);
    }

    /// <summary>The model these parts make, validated as <see cref="ServiceModelBuilder.Build"/> validates.</summary>
    internal ServiceModel Build()
    {
        var builder = new ServiceModelBuilder();
        Types.ForEach(t => builder.Add(t));
        Practices.ForEach(p => builder.Add(p));
        Streams.ForEach(s => builder.Add(s));
        foreach (var group in Groups.Values)
        {
            builder.Add(group);
        }

        foreach (var item in Items.Values)
        {
            builder.Add(item);
        }

        foreach (var service in Services.Values)
        {
            builder.Add(service);
        }

        foreach (var offering in Offerings.Values)
        {
            builder.Add(offering);
        }

        foreach (var supplier in Suppliers.Values)
        {
            builder.Add(supplier);
        }

        return builder.Build();
    }
}

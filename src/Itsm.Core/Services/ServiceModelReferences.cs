using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Services;

/// <summary>
/// The service-model ids a command names (services, offerings, configuration items, suppliers,
/// support groups, agreements), collected by <see cref="ItsmCommand.AddReferences"/> and checked by
/// the engine against the tenant's <see cref="ServiceModel"/> before the command runs: a command naming
/// something the model does not hold is refused, with every unknown reference listed at once.
/// </summary>
/// <remarks>Without a model the engine checks nothing: a host that keeps no service model names what it likes.</remarks>
internal sealed class ServiceModelReferences
{
    // Created on the first reference: most commands name none, and every command is asked.
    private List<(Kind Kind, string Id, string? Service)>? _references;

    internal enum Kind
    {
        Service,
        Offering,
        ConfigurationItem,
        Supplier,
        SupportGroup,
        Agreement,
    }

    internal bool IsEmpty => _references is null;

    /// <summary>The references <paramref name="command"/> names; null when it names none (so no model need be loaded).</summary>
    internal static ServiceModelReferences? Of(ItsmCommand command)
    {
        var references = new ServiceModelReferences();
        command.AddReferences(references);
        return references.IsEmpty ? null : references;
    }

    internal ServiceModelReferences Service(ServiceId? id) => Add(Kind.Service, id?.Value);

    /// <summary>An offering; with <paramref name="ofService"/>, it must also belong to that service.</summary>
    internal ServiceModelReferences Offering(ServiceOfferingId? id, ServiceId? ofService = null)
    {
        if (id is { } offering)
        {
            (_references ??= []).Add((Kind.Offering, offering.Value, ofService?.Value));
        }

        return this;
    }

    internal ServiceModelReferences ConfigurationItem(ConfigurationItemId? id) => Add(Kind.ConfigurationItem, id?.Value);

    internal ServiceModelReferences ConfigurationItems(IEnumerable<ConfigurationItemId>? ids)
    {
        foreach (var id in ids ?? [])
        {
            Add(Kind.ConfigurationItem, id.Value);
        }

        return this;
    }

    internal ServiceModelReferences Supplier(SupplierId? id) => Add(Kind.Supplier, id?.Value);

    internal ServiceModelReferences SupportGroup(SupportGroupId? id) => Add(Kind.SupportGroup, id?.Value);

    /// <summary>A support group named by a plain string (the commands that predate <see cref="SupportGroupId"/>).</summary>
    internal ServiceModelReferences SupportGroup(string? name) => Add(Kind.SupportGroup, name);

    internal ServiceModelReferences Agreement(string? id) => Add(Kind.Agreement, id);

    /// <summary>The problems with these references in <paramref name="model"/>, one line each; empty when all are known.</summary>
    internal List<string> ProblemsIn(ServiceModel model, IReadOnlyCollection<string>? agreements = null)
    {
        var problems = new List<string>();
        foreach (var (kind, id, service) in _references ?? [])
        {
            var known = kind switch
            {
                Kind.Service => model.Services.ContainsKey(id),
                Kind.Offering => model.Offerings.ContainsKey(id),
                Kind.ConfigurationItem => model.ConfigurationItems.ContainsKey(id),
                Kind.Supplier => model.Suppliers.ContainsKey(id),
                Kind.SupportGroup => model.SupportGroups.ContainsKey(id),
                _ => agreements is null || agreements.Contains(id),
            };
            if (!known)
            {
                problems.Add($"{Describe(kind)} '{QuotedText.Of(id)}' is not in the service model.");
            }
            else if (kind == Kind.Offering && service is not null && model.Offerings[id].Service != service)
            {
                problems.Add($"Service offering '{QuotedText.Of(id)}' belongs to service '{QuotedText.Of(model.Offerings[id].Service)}', not '{QuotedText.Of(service)}'.");
            }
        }

        return problems;
    }

    /// <summary>Refuses <paramref name="command"/> when a reference is not in <paramref name="model"/>.</summary>
    /// <exception cref="DomainRuleViolationException">Code <see cref="ServiceModel.UnknownReferenceCode"/>; the message lists every problem.</exception>
    internal void Check(ServiceModel model, ItsmCommand command, IReadOnlyCollection<string>? agreements = null)
    {
        var problems = ProblemsIn(model, agreements);
        if (problems.Count > 0)
        {
            throw new DomainRuleViolationException(ServiceModel.UnknownReferenceCode, ErrorList.Format($"{command.RecordType} command {command.Name}", problems));
        }
    }

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Service => "Service",
        Kind.Offering => "Service offering",
        Kind.ConfigurationItem => "Configuration item",
        Kind.Supplier => "Supplier",
        Kind.SupportGroup => "Support group",
        _ => "Agreement",
    };

    private ServiceModelReferences Add(Kind kind, string? id)
    {
        if (id is not null)
        {
            (_references ??= []).Add((kind, id, null));
        }

        return this;
    }
}

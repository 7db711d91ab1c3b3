using Itsm.Services;

namespace Itsm.Requests;

/// <summary>Adds the service-model elements a request's answers name to the references the engine checks against the model.</summary>
internal static class CatalogReferences
{
    internal static void Add(ServiceModelReferences references, CatalogItem? item, CatalogValues? answers)
    {
        if (item is null || item.Variables.Count == 0)
        {
            return;
        }

        // Answers that do not fit are refused by the submission itself, with every problem; checking their references
        // first would report only the unknown ids.
        var (resolved, problems) = CatalogRules.Resolve(item.Variables, answers ?? CatalogValues.Empty);
        if (problems.Count > 0)
        {
            return;
        }

        foreach (var variable in item.Variables)
        {
            if (variable is not ReferenceVariable reference || !resolved.TryGetValue(variable.Name, out var value))
            {
                continue;
            }

            string id = value.AsText;
            _ = reference.Target switch
            {
                CatalogReferenceTarget.ConfigurationItem => references.ConfigurationItem(new ConfigurationItemId(id)),
                CatalogReferenceTarget.Service => references.Service(new ServiceId(id)),
                CatalogReferenceTarget.ServiceOffering => references.Offering(new ServiceOfferingId(id)),
                CatalogReferenceTarget.SupportGroup => references.SupportGroup(new SupportGroupId(id)),
                CatalogReferenceTarget.Supplier => references.Supplier(new SupplierId(id)),
                _ => references,
            };
        }
    }
}

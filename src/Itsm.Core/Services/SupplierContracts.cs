using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Sla;
using Itsm.Text;

namespace Itsm.Services;

/// <summary>
/// Checks the links between a service model and the agreements: a supplier's contracts are
/// underpinning contracts with that supplier, and an underpinning contract's supplier is in the model.
/// Shared by <see cref="ServiceModelBuilder.Build"/> and the engine options' validation.
/// </summary>
internal static class SupplierContracts
{
    /// <summary>The problems, one sentence each; with <paramref name="servicesToo"/>, also the services' and offerings' unknown agreements.</summary>
    internal static List<string> Problems(
        IReadOnlyDictionary<string, Service> services,
        IReadOnlyDictionary<string, ServiceOffering> offerings,
        IReadOnlyDictionary<string, Supplier> suppliers,
        IEnumerable<Agreement> agreements,
        bool servicesToo)
    {
        var byId = new Dictionary<string, Agreement>(StringComparer.Ordinal);
        foreach (var agreement in agreements)
        {
            if (agreement is not null)
            {
                byId.TryAdd(agreement.Id, agreement);
            }
        }

        var problems = new List<string>();
        foreach (var supplier in suppliers.Values)
        {
            foreach (var contract in supplier.Contracts)
            {
                if (!byId.TryGetValue(contract, out var agreement))
                {
                    problems.Add($"supplier '{QuotedText.Of(supplier.Id)}' names contract '{QuotedText.Of(contract)}', which is not an agreement.");
                }
                else if (agreement.Kind != AgreementKind.UnderpinningContract)
                {
                    problems.Add($"supplier '{QuotedText.Of(supplier.Id)}' names contract '{QuotedText.Of(contract)}', which is {agreement.Kind}, not an underpinning contract.");
                }
                else if (agreement.Supplier?.Value != supplier.Id)
                {
                    string with = agreement.Supplier is { } other ? $"supplier '{QuotedText.Of(other.Value)}'" : "no supplier";
                    problems.Add($"supplier '{QuotedText.Of(supplier.Id)}' names contract '{QuotedText.Of(contract)}', an underpinning contract with {with}.");
                }
            }
        }

        foreach (var agreement in byId.Values.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            if (agreement.Supplier is { } supplier && !suppliers.ContainsKey(supplier.Value))
            {
                problems.Add($"underpinning contract '{QuotedText.Of(agreement.Id)}' names supplier '{QuotedText.Of(supplier.Value)}', which is not in the service model.");
            }
        }

        if (servicesToo)
        {
            foreach (var service in services.Values)
            {
                Unknown(service.Agreements, byId, $"service '{QuotedText.Of(service.Id)}'", problems);
            }

            foreach (var offering in offerings.Values)
            {
                Unknown(offering.Agreements, byId, $"offering '{QuotedText.Of(offering.Id)}'", problems);
            }
        }

        return problems;
    }

    private static void Unknown(IReadOnlyList<string> ids, Dictionary<string, Agreement> byId, string who, List<string> problems)
    {
        foreach (var id in ids)
        {
            if (!byId.ContainsKey(id))
            {
                problems.Add($"{who} names agreement '{QuotedText.Of(id)}', which is not an agreement.");
            }
        }
    }
}

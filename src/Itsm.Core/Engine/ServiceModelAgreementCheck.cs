using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.ServiceModelRecords;
using Itsm.Services;
using Itsm.Sla;

namespace Itsm.Engine;

/// <summary>
/// Checks a stored service model edit against the engine's agreements, as
/// <see cref="ServiceModelBuilder.CheckAgreements"/> checks a model built in code: a supplier's contract is an
/// underpinning contract with that supplier, a service's or offering's agreement is one of the agreements, and
/// an underpinning contract's supplier is in the model. An edit is refused (<see cref="ServiceModel.InvalidModelCode"/>)
/// when the model it makes has a problem the model before it did not have: problems already stored (a model
/// stored before the engine had these agreements, or a model still being filled in, edit by edit, whose
/// suppliers are not all added yet) do not block other edits.
/// </summary>
internal sealed class ServiceModelAgreementCheck(IReadOnlyList<Agreement> agreements) : IRecordCheck<ServiceModelRecord>
{
    private static readonly ServiceModel Empty = new ServiceModelBuilder().Build();

    public object? Before(ServiceModelRecord? record) => record?.Model ?? Empty;

    public void After(object? before, ServiceModelRecord record)
    {
        var after = Problems(record.Model);
        if (after.Count == 0)
        {
            return;
        }

        var old = new HashSet<string>(before is ServiceModel model ? Problems(model) : [], StringComparer.Ordinal);
        var added = after.Where(p => !old.Contains(p)).ToList();
        if (added.Count > 0)
        {
            throw new DomainRuleViolationException(ServiceModel.InvalidModelCode, ErrorList.Format("service model", added));
        }
    }

    private List<string> Problems(ServiceModel model) =>
        SupplierContracts.Problems(model.Services, model.Offerings, model.Suppliers, agreements, servicesToo: true);
}

using Itsm.Common;

namespace Itsm.Requests;

// The answers to the catalog item's variables: checked against the item and completed with its defaults when the
// request is submitted, then held as state (and in the Submit audit entry) for fulfilment to read.
public sealed partial class ServiceRequest
{
    private CatalogValues _variables = CatalogValues.Empty;

    /// <summary>
    /// The answers to <see cref="Item"/>'s variables as submitted, completed with the defaults of visible variables
    /// left unanswered (docs/catalog.md); empty for an item without variables.
    /// </summary>
    public CatalogValues Variables => _variables;

    /// <summary>The answers a request for <paramref name="item"/> holds, or the submission refused listing every problem.</summary>
    /// <exception cref="CatalogValuesException">The answers do not fit the item.</exception>
    private static CatalogValues ResolveVariables(CatalogItem item, CatalogValues? variables) =>
        item.Resolve(variables ?? CatalogValues.Empty, nameof(variables));
}

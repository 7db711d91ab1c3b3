using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>What a service request asks for: an item of the service catalog.</summary>
public sealed record CatalogItem
{
    /// <summary>Creates a catalog item.</summary>
    /// <param name="id">A non-empty id, for example <c>"laptop-standard"</c>.</param>
    /// <param name="requiresApproval">Whether requests for it need an approval before fulfilment.</param>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is blank.</exception>
    public CatalogItem(string id, bool requiresApproval)
    {
        Id = FieldCheck.Required(id, FieldLimits.Id);
        RequiresApproval = requiresApproval;
    }

    /// <summary>The item's id.</summary>
    public string Id { get; }

    /// <summary>Whether requests for the item need an approval before fulfilment.</summary>
    public bool RequiresApproval { get; }
}

using System;
using Itsm.Requests;

namespace Itsm.Samples.ServiceDesk;

/// <summary>
/// The catalog items of the desk whose form asks questions (docs/catalog.md): a laptop request names the model
/// and must say why it is needed; the desk submits the caller's answers with the request.
/// </summary>
public static class ServiceDeskCatalog
{
    /// <summary>A new laptop: the model (standard, or developer for engineers) and a required business justification.</summary>
    public static CatalogItem Laptop { get; } = new("new-laptop", requiresApproval: true,
    [
        new ChoiceVariable("model") { Label = "Model", Options = ["standard", "developer"], Required = true, Default = CatalogValue.Choice("standard") },
        new TextVariable("justification") { Label = "Business justification", Required = true, MaxLength = 500 },
    ]);

    /// <summary>
    /// The caller's answers to <paramref name="item"/>'s form. They follow from the request id rather than from the
    /// simulation's random stream, so adding the form changed no other draw of a seeded run.
    /// </summary>
    /// <param name="item">The item asked for.</param>
    /// <param name="requestId">The new request's id.</param>
    /// <returns>The answers; empty for an item that asks nothing.</returns>
    public static CatalogValues Answers(CatalogItem item, Guid requestId)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Variables.Count == 0)
        {
            return CatalogValues.Empty;
        }

        bool developer = requestId.ToByteArray()[0] % 4 == 0;
        return CatalogValues.Of(
            ("model", CatalogValue.Choice(developer ? "developer" : "standard")),
            ("justification", CatalogValue.Text(developer ? "Builds and tests the product locally" : "Replaces a laptop out of warranty")));
    }
}

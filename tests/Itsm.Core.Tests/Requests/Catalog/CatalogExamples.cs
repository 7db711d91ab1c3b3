using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Requests.Catalog;

/// <summary>The laptop item of docs/catalog.md, built in code.</summary>
internal static class CatalogExamples
{
    public static CatalogItem Laptop { get; } = new("laptop", requiresApproval: true,
    [
        new ChoiceVariable("model") { Label = "Model", Options = ["standard", "developer"], Required = true, Default = CatalogValue.Choice("standard") },
        new NumberVariable("ram") { Label = "Memory (GB)", Min = 16, Max = 64, IntegerOnly = true, Required = true, VisibleWhen = new CatalogVisibility("model", CatalogValue.Choice("developer")) },
        new TextVariable("justification") { Label = "Business justification", Required = true, MaxLength = 500 },
        new DateVariable("neededBy") { Min = new LocalDate(2026, 1, 1), Max = new LocalDate(2027, 12, 31) },
        new ReferenceVariable("replaces", CatalogReferenceTarget.ConfigurationItem),
        new ChoiceVariable("accessories") { Options = ["mouse", "keyboard", "dock"], Multiple = true },
        new TextVariable("costCentre") { Pattern = "[A-Z]{2}-[0-9]{4}" },
        new BooleanVariable("express") { Default = CatalogValue.Boolean(false) },
        new ReferenceVariable("incident", CatalogReferenceTarget.Incident),
    ]);

    public static CatalogValues ValidAnswers { get; } = CatalogValues.Of(
        ("justification", CatalogValue.Text("New starter in finance")),
        ("neededBy", CatalogValue.Date(new LocalDate(2026, 12, 14))),
        ("accessories", CatalogValue.Choices(["dock", "mouse"])));
}

using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Itsm.Requests;

namespace Itsm.Core.Tests.Requests.Catalog;

public sealed class CatalogItemJsonTests
{
    internal const string LaptopJson = """
        {
          "id": "laptop",
          "requiresApproval": true,
          "variables": [
            { "name": "model", "kind": "choice", "label": "Model", "required": true, "options": ["standard", "developer"], "default": "standard" },
            { "name": "ram", "kind": "number", "label": "Memory (GB)", "required": true, "min": 16, "max": 64, "integerOnly": true,
              "visibleWhen": { "variable": "model", "in": ["developer"] } },
            { "name": "justification", "kind": "text", "label": "Business justification", "required": true, "maxLength": 500 },
            { "name": "neededBy", "kind": "date", "min": "2026-01-01", "max": "2027-12-31" },
            { "name": "replaces", "kind": "reference", "target": "configurationItem" },
            { "name": "accessories", "kind": "choice", "options": ["mouse", "keyboard", "dock"], "multiple": true },
            { "name": "costCentre", "kind": "text", "pattern": "[A-Z]{2}-[0-9]{4}" },
            { "name": "express", "kind": "boolean", "default": false },
            { "name": "incident", "kind": "reference", "target": "incident" }, // trailing commas and comments are fine
          ],
        }
        """;

    [Fact]
    public void The_documented_laptop_item_reads_as_the_item_built_in_code()
    {
        Assert.Equal(CatalogExamples.Laptop, CatalogItem.FromJson(LaptopJson));
    }

    [Fact]
    public void The_example_in_the_docs_reads()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "catalog-items-json.md"));
        var json = Regex.Match(doc, "```json\\n(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;

        var items = CatalogItem.ListFromJson(json);

        Assert.Equal(CatalogExamples.Laptop, items.Single(i => i.Id == "laptop"));
    }

    [Fact]
    public void Writing_and_reading_gives_an_equal_item_and_the_same_text()
    {
        string json = CatalogExamples.Laptop.ToJson();
        var read = CatalogItem.FromJson(json);

        Assert.Equal(CatalogExamples.Laptop, read);
        Assert.Equal(json, read.ToJson());
        Assert.Equal(CatalogItem.ListToJson([read]), CatalogItem.ListToJson(CatalogItem.ListFromJson(CatalogItem.ListToJson([read]))));
    }

    [Fact]
    public void Unknown_properties_and_every_other_problem_are_listed_with_their_path()
    {
        const string json = """
            {
              "id": "x",
              "colour": "red",
              "variables": [
                { "name": "n", "kind": "number", "min": "five", "options": ["a"] },
                { "name": "d", "kind": "date", "default": "2026-02-30" },
                { "name": "r", "kind": "reference" },
                { "name": "k", "kind": "slider" },
                { "kind": "boolean", "visibleWhen": { "variable": "n", "in": [] } }
              ]
            }
            """;

        var refused = Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.FromJson(json));

        Assert.Equal("json", refused.ParamName);
        Assert.Equal(
            [
                "item: 'colour' is not a catalog item property (expected id, requiresApproval, variables).",
                "item.variables[0].min: must be a number.",
                "item.variables[0]: 'options' is not a property of a number variable (expected name, kind, label, required, default, visibleWhen, min, max, integerOnly).",
                "item.variables[1].default: '2026-02-30' is not a date (expected \"yyyy-MM-dd\", for example \"2026-12-01\").",
                "item.variables[2].target: is missing.",
                "item.variables[3].kind: 'slider' is not a kind (expected text, number, choice, date, reference or boolean).",
                "item.variables[4].name: is missing.",
                "item.variables[4].visibleWhen.in: must be a list of 1 to 100 values of 'n'.",
            ],
            refused.Errors);
    }

    [Fact]
    public void Rules_of_the_definition_are_reported_with_the_item_path()
    {
        var refused = Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.FromJson("""{ "id": "x", "variables": [ { "name": "n", "kind": "number", "min": 5, "max": 1 } ] }"""));

        Assert.Equal(["item.variables[0].min: 5 is above max 1."], refused.Errors);
    }

    [Fact]
    public void A_catalog_refuses_two_items_with_one_id_and_malformed_json()
    {
        var twice = Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.ListFromJson("""{ "items": [ { "id": "a" }, { "id": "a", "requiresApproval": true } ] }"""));
        Assert.Equal(["items[1].id: 'a' is used by an earlier item."], twice.Errors);

        var malformed = Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.FromJson("{ \"id\": "));
        Assert.StartsWith("the text is not valid JSON: ", Assert.Single(malformed.Errors), StringComparison.Ordinal);
        Assert.Equal(CatalogItemDefinitionException.ErrorCode, malformed.Code);
    }

    [Fact]
    public void An_item_without_variables_writes_only_its_id_and_approval_rule()
    {
        Assert.Equal("{\n  \"id\": \"password-reset\",\n  \"requiresApproval\": false\n}", new CatalogItem("password-reset", false).ToJson().ReplaceLineEndings("\n"));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Itsm.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}

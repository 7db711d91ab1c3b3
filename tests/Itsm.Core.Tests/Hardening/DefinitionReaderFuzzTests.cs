using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Approvals;
using Itsm.Governance;
using Itsm.Requests;
using Itsm.Routing;
using Itsm.Sla;
using Itsm.Tests.Hardening;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Hardening;

/// <summary>
/// Every public JSON definition reader of Itsm.Core under damaged input (truncation, flipped characters, unpaired
/// surrogates, deep nesting, huge numbers, wrong types, duplicate keys, huge strings, a BOM, empty text): it reads the
/// text or refuses it with its documented exception naming <c>json</c> and a bounded message, never another exception;
/// what it accepts reads the same twice and survives its writer.
/// </summary>
public sealed class DefinitionReaderFuzzTests
{
    private static readonly IReadOnlyDictionary<string, Func<WorkflowGuardContext, bool>> Predicates =
        new Dictionary<string, Func<WorkflowGuardContext, bool>> { ["change-is-released"] = _ => true };

    [Property]
    public Property Agreements_ReadOrAreRefusedWithSlaDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Agreements), d => HostileText.ReadsOrRefuses<SlaDefinitionException>(() => Agreement.ListFromJson(d.Text), "json"));

    [Property]
    public Property OneAgreement_ReadsOrIsRefusedWithSlaDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Agreement), d => HostileText.ReadsOrRefuses<SlaDefinitionException>(() => Agreement.FromJson(d.Text), "json"));

    [Property]
    public Property CatalogItems_ReadOrAreRefusedWithCatalogItemDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.CatalogItems), d => HostileText.ReadsOrRefuses<CatalogItemDefinitionException>(() => CatalogItem.ListFromJson(d.Text), "json"));

    [Property]
    public Property OneCatalogItem_ReadsOrIsRefusedWithCatalogItemDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.CatalogItem), d => HostileText.ReadsOrRefuses<CatalogItemDefinitionException>(() => CatalogItem.FromJson(d.Text), "json"));

    [Property]
    public Property Controls_ReadOrAreRefusedWithControlDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Controls), d => HostileText.ReadsOrRefuses<ControlDefinitionException>(() => ControlDefinition.ListFromJson(d.Text), "json"));

    [Property]
    public Property OneControl_ReadsOrIsRefusedWithControlDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Control), d => HostileText.ReadsOrRefuses<ControlDefinitionException>(() => ControlDefinition.FromJson(d.Text), "json"));

    [Property]
    public Property Routing_ReadsOrIsRefusedWithRoutingDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Routing), d => HostileText.ReadsOrRefuses<RoutingDefinitionException>(() => RoutingDefinition.FromJson(d.Text), "json"));

    [Property]
    public Property ApprovalChain_ReadsOrIsRefusedWithArgumentException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.ApprovalChain), d => HostileText.ReadsOrRefuses<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(d.Text), "json"));

    [Property]
    public Property Workflow_ReadsOrIsRefusedWithWorkflowDefinitionException() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Workflow), d => HostileText.ReadsOrRefuses<WorkflowDefinitionException>(() => WorkflowJson.Read(d.Text, Predicates), "json"));

    [Property]
    public Property WhatIsAccepted_ReadsTheSameTwiceAndSurvivesItsWriter() =>
        Prop.ForAll(HostileText.Json(ValidDocuments.Agreements, ValidDocuments.CatalogItems, ValidDocuments.Controls, ValidDocuments.ApprovalChain, ValidDocuments.Workflow), d =>
        {
            var write = WriterFor(d.Text);
            string first;
            try
            {
                first = write(d.Text);
            }
            catch (ArgumentException)
            {
                return true;
            }

            return write(d.Text) == first && write(first) == first;
        });

    [Theory]
    [InlineData("name")]
    [InlineData("id")]
    public void AnEscapedUnpairedSurrogate_IsRefusedNamingItsPath(string property)
    {
        var json = ValidDocuments.Agreements.Replace($"\"{property}\": \"", $"\"{property}\": \"\\uD800", StringComparison.Ordinal);

        var e = Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson(json));

        Assert.Equal($"$.agreements[0].{property}: is not valid text (an unpaired surrogate).", Assert.Single(e.Errors));
        Assert.Equal("json", e.ParamName);
    }

    [Fact]
    public void AnUnpairedSurrogateInAPropertyName_IsRefusedByEveryReader()
    {
        Assert.Equal("$.agreements[0] (a property name): is not valid text (an unpaired surrogate).", Assert.Single(Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson(Mangle(ValidDocuments.Agreements, "\"kind\"", "\"ki\\uDC00nd\""))).Errors));
        Assert.Equal("$.items[0] (a property name): is not valid text (an unpaired surrogate).", Assert.Single(Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.ListFromJson(Mangle(ValidDocuments.CatalogItems, "\"requiresApproval\"", "\"\\uD800\""))).Errors));
        Assert.Equal("$.controls[0] (a property name): is not valid text (an unpaired surrogate).", Assert.Single(Assert.Throws<ControlDefinitionException>(() => ControlDefinition.ListFromJson(Mangle(ValidDocuments.Controls, "\"kind\"", "\"\\uD800\""))).Errors));
        Assert.Equal("$.rules (a property name): is not valid text (an unpaired surrogate).", Assert.Single(Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson(Mangle(ValidDocuments.Routing, "\"fallback\"", "\"\\uD800\""))).Errors));
        Assert.Equal("$.levels[0] (a property name): is not valid text (an unpaired surrogate).", Assert.Single(Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(Mangle(ValidDocuments.ApprovalChain, "\"rule\"", "\"\\uD800\""))).Errors));
    }

    [Fact]
    public void ARawUnpairedSurrogate_IsRefusedAsInvalidJsonByEveryReader()
    {
        const string Expected = "the text is not valid JSON: it holds an unpaired surrogate.";
        Assert.Equal(Expected, Assert.Single(Assert.Throws<SlaDefinitionException>(() => Agreement.ListFromJson(Mangle(ValidDocuments.Agreements, "Email", "Em\uD800ail"))).Errors));
        Assert.Equal(Expected, Assert.Single(Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.ListFromJson(Mangle(ValidDocuments.CatalogItems, "laptop", "lap\uDC00top"))).Errors));
        Assert.Equal(Expected, Assert.Single(Assert.Throws<ControlDefinitionException>(() => ControlDefinition.ListFromJson(Mangle(ValidDocuments.Controls, "CHG-01", "CHG\uD800"))).Errors));
        Assert.Equal(Expected, Assert.Single(Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson(Mangle(ValidDocuments.Routing, "network", "net\uD800"))).Errors));
        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(Mangle(ValidDocuments.ApprovalChain, "Purchase", "Pur\uD800")));
        Assert.Equal(("json", "Invalid approval chain: " + Expected + " (Parameter 'json')"), (e.ParamName, e.Message));
    }

    [Fact]
    public void AHugeMalformedDocument_IsRefusedByEveryReaderWithAShortMessage()
    {
        var readers = new (string Name, string Valid, Action<string> Read)[]
        {
            ("agreement", ValidDocuments.Agreement, json => Agreement.FromJson(json)),
            ("catalog item", ValidDocuments.CatalogItem, json => CatalogItem.FromJson(json)),
            ("control", ValidDocuments.Control, json => ControlDefinition.FromJson(json)),
            ("routing", ValidDocuments.Routing, json => RoutingDefinition.FromJson(json)),
            ("approval chain", ValidDocuments.ApprovalChain, json => ApprovalChain.FromJson(json)),
            ("workflow", ValidDocuments.Workflow, json => WorkflowJson.Read(json, Predicates)),
        };

        foreach (var (name, valid, read) in readers)
        {
            foreach (var damaged in HostileText.HugeMalformed(valid))
            {
                var e = Assert.ThrowsAny<ArgumentException>(() => read(damaged.Text));
                Assert.True(e.Message.Length <= HostileText.MaxSingleMessage, $"{name}, {damaged.Kind}: {HostileText.Describe(e)}");
                Assert.Equal("json", e.ParamName);
            }
        }
    }

    [Fact]
    public void TenThousandLevelsOfNesting_AreRefusedByTheDepthLimit()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var e = Assert.Throws<RoutingDefinitionException>(() => RoutingDefinition.FromJson($$"""{ "rules": {{deep}} }"""));

        Assert.StartsWith("the text is not valid JSON: ", Assert.Single(e.Errors), StringComparison.Ordinal);
        Assert.Contains("depth", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("the text is not valid JSON: ", Assert.Single(Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson($$"""{ "name": {{deep}} }""")).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void AVariableKindThatIsNotAString_IsRefusedAsAnError()
    {
        var json = Mangle(ValidDocuments.CatalogItems, "\"kind\": \"choice\"", "\"kind\": true");

        var e = Assert.Throws<CatalogItemDefinitionException>(() => CatalogItem.ListFromJson(json));

        Assert.Contains(e.Errors, error => error.StartsWith("items[0].variables[0].kind", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("true")]
    [InlineData("[2]")]
    [InlineData("1e400")]
    public void AQuorumCountThatIsNotANumber_IsRefusedAsAnError(string count)
    {
        var json = Mangle(ValidDocuments.ApprovalChain, "\"count\": 2", "\"count\": " + count);

        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(json));

        Assert.Equal("json", e.ParamName);
        Assert.Contains("levels[1].count: a quorum needs a whole number of approvals, at least 1.", e.Errors);
    }

    [Theory]
    [InlineData("\"rule\": \"any\"", "\"rule\": \"{0}\"")]
    [InlineData("\"rule\": \"any\"", "\"rule\": \"any\", \"{0}\": 1")]
    [InlineData("\"role:manager\"", "\"person:{0}\"")]
    public void AMegabyteApprovalValue_MakesAShortMessage(string find, string replace)
    {
        var json = Mangle(ValidDocuments.ApprovalChain, find, replace.Replace("{0}", new string('x', 1 << 20), StringComparison.Ordinal));

        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson(json));

        Assert.Equal("json", e.ParamName);
        Assert.InRange(e.Message.Length, 1, 2_000);
    }

    [Fact]
    public void AnApprovalChainWithThousandsOfProblems_ListsTwentyAndCountsTheRest()
    {
        var levels = string.Join(", ", Enumerable.Repeat("""{ "name": "", "rule": "any" }""", 1_000));

        var e = Assert.Throws<ApprovalChainDefinitionException>(() => ApprovalChain.FromJson($$"""{ "name": "n", "levels": [ {{levels}} ] }"""));

        Assert.Equal(1_000, e.Errors.Count);
        Assert.EndsWith("- and 980 more. (Parameter 'json')", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 3_000);
    }

    private static string Mangle(string json, string find, string replace)
    {
        Assert.Contains(find, json, StringComparison.Ordinal);
        var at = json.IndexOf(find, StringComparison.Ordinal);
        return json[..at] + replace + json[(at + find.Length)..];
    }

    // The writer of the format the text is in, as a function of the text: it reads then writes.
    private static Func<string, string> WriterFor(string text) =>
        text.Contains("agreements", StringComparison.Ordinal) ? t => Agreement.ListToJson(Agreement.ListFromJson(t))
        : text.Contains("items", StringComparison.Ordinal) ? t => CatalogItem.ListToJson(CatalogItem.ListFromJson(t))
        : text.Contains("controls", StringComparison.Ordinal) ? t => ControlDefinition.ListToJson(ControlDefinition.ListFromJson(t))
        : text.Contains("versions", StringComparison.Ordinal) ? t => WorkflowJson.ToJson(WorkflowJson.Read(t, Predicates))
        : t => ApprovalChain.FromJson(t).ToJson();
}

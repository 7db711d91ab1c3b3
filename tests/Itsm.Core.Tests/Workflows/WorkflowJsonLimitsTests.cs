using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Text;
using Itsm.Workflows;

namespace Itsm.Core.Tests.Workflows;

/// <summary>Workflow JSON beyond what any definition needs: huge, deep or strange input is refused with a short message, never a hang; big definitions read.</summary>
public sealed class WorkflowJsonLimitsTests
{
    private static WorkflowDefinitionException Refused(string json) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json));

    private static string WithStateName(string encodedName) =>
        $$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [ { "name": {{encodedName}}, "parent": "New" } ] } ] }""";

    [Fact]
    public void Read_DeeplyNestedJson_IsRefusedByTheParsersDepthLimit()
    {
        var json = """{ "id": """ + new string('[', 100_000) + new string(']', 100_000) + " }";

        var problem = Assert.Single(Refused(json).Problems);

        Assert.Equal(WorkflowProblemCode.InvalidJson, problem.Code);
        Assert.Contains("depth", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Message.Length, 1, QuotedText.MaxLength + 100);
    }

    [Fact]
    public void Read_AMegabyteStateName_IsRefusedQuotingOnlyItsStart()
    {
        var e = Refused(WithStateName(JsonSerializer.Serialize(new string('x', 1 << 20))));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(WorkflowProblemCode.InvalidName, problem.Code);
        Assert.Contains("… (1048576 characters)", problem.Message, StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 1000);
    }

    [Fact]
    public void Read_AMegabytePropertyName_IsRefusedQuotingOnlyItsStart()
    {
        var e = Refused("""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, """ + JsonSerializer.Serialize(new string('k', 1 << 20)) + ": 1 } ] }");

        Assert.Equal(WorkflowProblemCode.InvalidJson, Assert.Single(e.Problems).Code);
        Assert.InRange(e.Message.Length, 1, 1000);
    }

    [Fact]
    public void Read_ControlCharactersInAName_AreRefusedAndEscapedInTheMessage()
    {
        var problem = Assert.Single(Refused(WithStateName("\"Tri\\u0000age\\n\"")).Problems);

        Assert.Equal(WorkflowProblemCode.InvalidName, problem.Code);
        Assert.Contains(@"'Tri\u0000age\u000A'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnUnpairedSurrogateInAValue_IsRefusedAsInvalidText()
    {
        var problem = Assert.Single(Refused(WithStateName("\"Tri\\uD800age\"")).Problems);

        Assert.Equal((WorkflowProblemCode.InvalidJson, "versions[0].states[0].name"), (problem.Code, problem.Subject));
        Assert.Equal("versions[0].states[0].name: is not valid text (an unpaired surrogate).", problem.Message);
    }

    [Fact]
    public void Read_TextWithAnUnpairedSurrogate_IsRefusedAsInvalidJson()
    {
        var problem = Assert.Single(Refused(WithStateName("\"Tri\uD800age\"")).Problems);

        Assert.Equal((WorkflowProblemCode.InvalidJson, "json"), (problem.Code, problem.Subject));
        Assert.Equal("the text is not valid JSON: it holds an unpaired surrogate.", problem.Message);
    }

    [Fact]
    public void Read_AnUnpairedSurrogateInAPropertyName_IsRefusedAsInvalidText()
    {
        var problem = Assert.Single(Refused("""{ "id": "w", "\uDC00": 1, "lifecycle": "Incident", "versions": [ { "version": 1 } ] }""").Problems);

        Assert.Equal("document: a property name is not valid text (an unpaired surrogate).", problem.Message);
    }

    [Fact]
    public void Read_ThousandsOfProblems_ListsTwentyInTheMessageAndEveryOneInProblems()
    {
        var states = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $$"""{ "name": "S{{i}}", "parent": "Nowhere" }"""));
        var e = Refused($$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [ {{states}} ] } ] }""");

        Assert.Equal(5000, e.Problems.Count);
        Assert.Contains("\n- and 4980 more", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 21 * 300);
    }

    [Fact]
    public void Read_ABigDefinition_Reads()
    {
        // 2,000 custom states in one library state, each reached from the one before and leading back to the first.
        var states = new StringBuilder();
        var transitions = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            states.Append(i == 0 ? string.Empty : ", ").Append($$"""{ "name": "S{{i}}", "parent": "InProgress" }""");
            if (i > 0)
            {
                transitions.Append(i == 1 ? string.Empty : ", ").Append($$"""{ "name": "next", "from": "S{{i - 1}}", "to": "S{{i}}" }, { "name": "restart", "from": "S{{i}}", "to": "S0" }""");
            }
        }

        var workflow = WorkflowJson.ReadIncident($$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [ {{states}} ], "transitions": [ {{transitions}} ] } ] }""");

        Assert.Equal(2000, workflow.States.Count);
        Assert.Equal(3998, workflow.Transitions.Count);
    }

    [Property(MaxTest = 100)]
    public Property Read_ABadValuesMessage_IsBoundedWhateverItsLength() =>
        Prop.ForAll(Gen.Choose(0, 200_000).SelectMany(n => Gen.Elements('a', '\0', '\n', '"', 'é').Select(c => new string(c, n))).ToArbitrary(), bad =>
        {
            var encoded = JsonSerializer.Serialize(bad);
            var json = $$"""{ "id": "w", "lifecycle": "Incident", "versions": [ { "version": 1, "states": [ { "name": {{encoded}}, "parent": {{encoded}}, "blocks": [{{encoded}}] } ] } ] }""";
            var e = Assert.Throws<WorkflowDefinitionException>(() => WorkflowJson.Read(json));

            // The parent and the block quote the value, and so does the name when it is not a valid one; each quote is
            // at most QuotedText.MaxLength in a fixed sentence.
            var quoted = WorkflowValidation.IsName(bad) ? 2 : 3;
            return e.Problems.Count == quoted && e.Message.Length <= quoted * (QuotedText.MaxLength + 200);
        });
}

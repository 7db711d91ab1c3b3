using System;
using System.Linq;
using Itsm.Common;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Core.Tests.Requests.Catalog;

public sealed class CatalogItemTests
{
    private static CatalogItem Laptop => CatalogExamples.Laptop;

    private static (string Code, string Variable)[] Problems(CatalogItem item, CatalogValues answers) =>
        item.Validate(answers).Select(p => (p.Code, p.Variable)).ToArray();

    [Fact]
    public void An_item_made_with_the_old_constructor_has_no_variables_and_refuses_answers()
    {
        var item = new CatalogItem("password-reset", requiresApproval: false);

        Assert.Empty(item.Variables);
        Assert.Same(CatalogValues.Empty, item.Resolve(CatalogValues.Empty));
        var refused = Assert.Throws<CatalogValuesException>(() => item.Resolve(CatalogValues.Of(("colour", CatalogValue.Text("red")))));
        Assert.Equal("answers", refused.ParamName);
        Assert.Equal(CatalogValuesException.ErrorCode, refused.Code);
        Assert.Equal([(CatalogProblemCodes.Unknown, "colour")], refused.Problems.Select(p => (p.Code, p.Variable)));
    }

    [Fact]
    public void Valid_answers_are_completed_with_the_defaults_of_visible_variables_only()
    {
        var resolved = Laptop.Resolve(CatalogExamples.ValidAnswers);

        Assert.Equal(CatalogValue.Choice("standard"), resolved["model"]);
        Assert.Equal(CatalogValue.Boolean(false), resolved["express"]);
        Assert.False(resolved.ContainsKey("ram"));
        Assert.Equal(["accessories", "express", "justification", "model", "neededBy"], resolved.Keys);
    }

    [Fact]
    public void A_variable_shown_by_another_answer_becomes_required()
    {
        var developer = CatalogExamples.ValidAnswers.With("model", CatalogValue.Choice("developer"));

        Assert.Equal([(CatalogProblemCodes.Required, "ram")], Problems(Laptop, developer));
        Assert.Empty(Laptop.Validate(developer.With("ram", CatalogValue.Number(32))));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_the_order_of_the_variables_then_unknown_names()
    {
        var answers = CatalogValues.Of(
            ("model", CatalogValue.Choice("gaming")),
            ("ram", CatalogValue.Number(32)),
            ("neededBy", CatalogValue.Date(new LocalDate(2025, 6, 1))),
            ("replaces", CatalogValue.Number(7)),
            ("accessories", CatalogValue.Choices(["mouse", "bag"])),
            ("costCentre", CatalogValue.Text("fin 12")),
            ("incident", CatalogValue.Reference("INC0010001")),
            ("colour", CatalogValue.Text("red")));

        var refused = Assert.Throws<CatalogValuesException>(() => Laptop.Resolve(answers));

        Assert.Equal(
            [
                (CatalogProblemCodes.UnknownOption, "model"),
                (CatalogProblemCodes.Hidden, "ram"),
                (CatalogProblemCodes.Required, "justification"),
                (CatalogProblemCodes.DateBeforeMin, "neededBy"),
                (CatalogProblemCodes.WrongKind, "replaces"),
                (CatalogProblemCodes.UnknownOption, "accessories"),
                (CatalogProblemCodes.PatternMismatch, "costCentre"),
                (CatalogProblemCodes.BadReference, "incident"),
                (CatalogProblemCodes.Unknown, "colour"),
            ],
            refused.Problems.Select(p => (p.Code, p.Variable)));
        Assert.StartsWith("Invalid answers to catalog item 'laptop' (9 problems):", refused.Message, StringComparison.Ordinal);
        Assert.Contains("- model: 'gaming' is not an option (expected standard, developer). (ITSM-REQ-VAR-011)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("- replaces: the answer is a number; the variable takes a reference. (ITSM-REQ-VAR-004)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20.5", CatalogProblemCodes.NotInteger)]
    [InlineData("8", CatalogProblemCodes.BelowMin)]
    [InlineData("128", CatalogProblemCodes.AboveMax)]
    public void Numbers_keep_to_their_range_and_whole_number_rule(string ram, string code)
    {
        var answers = CatalogExamples.ValidAnswers.With("model", CatalogValue.Choice("developer"))
            .With("ram", CatalogValue.Number(decimal.Parse(ram, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal([(code, "ram")], Problems(Laptop, answers));
    }

    [Fact]
    public void Text_keeps_to_its_length_and_a_single_choice_takes_one_option()
    {
        var answers = CatalogExamples.ValidAnswers
            .With("justification", CatalogValue.Text(new string('x', 501)))
            .With("model", CatalogValue.Choices(["standard", "developer"]));

        Assert.Equal([(CatalogProblemCodes.TooManyOptions, "model"), (CatalogProblemCodes.Required, "ram"), (CatalogProblemCodes.TooLong, "justification")], Problems(Laptop, answers));
    }

    [Fact]
    public void Blank_text_is_no_answer_to_a_required_variable()
    {
        Assert.Equal([(CatalogProblemCodes.Required, "justification")], Problems(Laptop, CatalogExamples.ValidAnswers.With("justification", CatalogValue.Text("  "))));
    }

    [Fact]
    public void A_pattern_that_backtracks_catastrophically_elsewhere_is_checked_in_linear_time()
    {
        var item = new CatalogItem("evil", false, [new TextVariable("code") { Pattern = "(a+)+" }]);
        string answer = new string('a', 4000 - 1) + "!";

        Assert.Equal([(CatalogProblemCodes.PatternMismatch, "code")], Problems(item, CatalogValues.Of(("code", CatalogValue.Text(answer)))));
        Assert.Empty(item.Validate(CatalogValues.Of(("code", CatalogValue.Text(new string('a', 4000))))));
    }

    [Fact]
    public void A_pattern_must_match_the_whole_answer()
    {
        Assert.Equal([(CatalogProblemCodes.PatternMismatch, "costCentre")], Problems(Laptop, CatalogExamples.ValidAnswers.With("costCentre", CatalogValue.Text("cost FI-1234"))));
        Assert.Empty(Laptop.Validate(CatalogExamples.ValidAnswers.With("costCentre", CatalogValue.Text("FI-1234"))));
    }

    [Fact]
    public void A_definition_lists_every_problem_with_its_variable()
    {
        var refused = Assert.Throws<CatalogItemDefinitionException>(() => new CatalogItem("broken", false,
        [
            new TextVariable("a") { Pattern = "(?=x)x", MaxLength = 0 },
            new TextVariable("a"),
            new NumberVariable("n") { Min = 5, Max = 1 },
            new ChoiceVariable("c"),
            new DateVariable("d") { Default = CatalogValue.Number(3) },
            new BooleanVariable("b") { VisibleWhen = new CatalogVisibility("nobody", CatalogValue.Boolean(true)) },
            new BooleanVariable("x") { VisibleWhen = new CatalogVisibility("y", CatalogValue.Boolean(true)) },
            new BooleanVariable("y") { VisibleWhen = new CatalogVisibility("x", CatalogValue.Boolean(true)) },
            new BooleanVariable("z") { VisibleWhen = new CatalogVisibility("n", CatalogValue.Text("five")) },
        ]));

        Assert.Equal("variables", refused.ParamName);
        Assert.Equal(CatalogItemDefinitionException.ErrorCode, refused.Code);
        Assert.Equal(
            [
                "variables[0].maxLength: must be 1 to 4000 (is 0).",
                "variables[0].pattern: '(?=x)x' is not a supported regular expression: ",
                "variables[1].name: 'a' is used by an earlier variable.",
                "variables[2].min: 5 is above max 1.",
                "variables[3].options: must list at least one option.",
                "variables[4].default: the answer is a number; the variable takes a date.",
                "variables[5].visibleWhen.variable: 'nobody' is not a variable of the item.",
                "variables[6].visibleWhen: the conditions form a cycle through 'x'.",
                "variables[7].visibleWhen: the conditions form a cycle through 'y'.",
                "variables[8].visibleWhen.in[0]: the answer is text; the variable takes a number.",
            ],
            refused.Errors.Select(e => e.StartsWith("variables[0].pattern", StringComparison.Ordinal) ? e[..e.IndexOf(": ", 22, StringComparison.Ordinal)] + ": " : e));
    }

    [Fact]
    public void A_default_must_fit_its_own_variable()
    {
        var refused = Assert.Throws<CatalogItemDefinitionException>(() => new CatalogItem("x", false, [new ChoiceVariable("c") { Options = ["a"], Default = CatalogValue.Choice("b") }]));

        Assert.Equal(["variables[0].default: 'b' is not an option (expected a)."], refused.Errors);
    }

    [Fact]
    public void A_hidden_variable_takes_no_default_and_shows_when_its_controller_default_matches()
    {
        var item = new CatalogItem("x", false,
        [
            new BooleanVariable("remote") { Default = CatalogValue.Boolean(true) },
            new TextVariable("vpnGroup") { Default = CatalogValue.Text("staff"), VisibleWhen = new CatalogVisibility("remote", CatalogValue.Boolean(true)) },
        ]);

        Assert.Equal(CatalogValue.Text("staff"), item.Resolve(CatalogValues.Empty)["vpnGroup"]);
        Assert.False(item.Resolve(CatalogValues.Of(("remote", CatalogValue.Boolean(false)))).ContainsKey("vpnGroup"));
    }

    [Fact]
    public void A_multi_choice_shows_a_variable_when_any_listed_option_is_chosen()
    {
        var item = new CatalogItem("x", false,
        [
            new ChoiceVariable("software") { Options = ["office", "visio", "ide"], Multiple = true },
            new TextVariable("licence") { Required = true, VisibleWhen = new CatalogVisibility("software", CatalogValue.Choice("visio"), CatalogValue.Choice("ide")) },
        ]);

        Assert.Empty(item.Validate(CatalogValues.Of(("software", CatalogValue.Choices(["office"])))));
        Assert.Equal([(CatalogProblemCodes.Required, "licence")], Problems(item, CatalogValues.Of(("software", CatalogValue.Choices(["office", "ide"])))));
    }

    [Fact]
    public void Values_refuse_bad_input_naming_the_parameter()
    {
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => CatalogValue.Choices(["a", "a"])).ParamName);
        Assert.Equal("value", Assert.Throws<FieldLimitException>(() => CatalogValue.Text(new string('x', FieldLimits.Text + 1))).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => CatalogValue.Reference(" ")).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => CatalogValues.Of(("a", CatalogValue.Boolean(true)), ("a", CatalogValue.Boolean(false)))).ParamName);
        Assert.Throws<InvalidOperationException>(() => CatalogValue.Boolean(true).AsText);
    }

    [Fact]
    public void Values_compare_by_value_and_a_multi_choice_by_its_set_of_options()
    {
        Assert.Equal(CatalogValue.Choices(["b", "a"]), CatalogValue.Choices(["a", "b"]));
        Assert.Equal(CatalogValue.Number(2.0m), CatalogValue.Number(2m));
        Assert.NotEqual(CatalogValue.Text("a"), CatalogValue.Reference("a"));
        Assert.Equal(CatalogValues.Of(("x", CatalogValue.Text("1")), ("y", CatalogValue.Text("2"))), CatalogValues.Of(("y", CatalogValue.Text("2")), ("x", CatalogValue.Text("1"))));
    }
}

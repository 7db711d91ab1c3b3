using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Requests;
using Itsm.Testing;
using NodaTime;

namespace Itsm.Core.Tests.Requests.Catalog;

/// <summary>The laws of catalog validation and of the JSON form, on random items (every kind, defaults, visibility) and answers.</summary>
public sealed class CatalogPropertyTests
{
    private static Gen<(CatalogItem Item, CatalogValues Answers)> ItemsWithAnswers =>
        from item in ItsmGenerators.CatalogItems
        from answers in ItsmGenerators.CatalogAnswers(item)
        select (item, answers);

    [Property(MaxTest = 300)]
    public Property Generated_valid_answers_always_validate_and_resolving_twice_changes_nothing() =>
        Prop.ForAll(ItemsWithAnswers.ToArbitrary(), input =>
        {
            var (item, answers) = input;
            Assert.Empty(item.Validate(answers));
            var resolved = item.Resolve(answers);
            Assert.Equal(resolved, item.Resolve(resolved));
            Assert.All(answers, a => Assert.Equal(a.Value, resolved[a.Key]));
        });

    [Property(MaxTest = 300)]
    public Property Each_single_broken_constraint_is_reported_with_its_code_and_variable() =>
        Prop.ForAll(ItemsWithAnswers.ToArbitrary(), input =>
        {
            var (item, answers) = input;
            var breaks = CatalogBreaks.Of(item, answers).ToList();
            Assert.NotEmpty(breaks); // an unknown name can always be added
            foreach (var (broken, code, variable) in breaks)
            {
                var problems = item.Validate(broken);
                Assert.True(problems.Any(p => p.Code == code && p.Variable == variable), $"{code} on {variable} not reported for {broken}: {string.Join("; ", problems)}");
                var refused = Assert.Throws<CatalogValuesException>(() => item.Resolve(broken));
                Assert.Equal(problems, refused.Problems);
            }
        });

    [Property(MaxTest = 200)]
    public Property Validation_does_not_depend_on_the_order_answers_are_given_in() =>
        Prop.ForAll(
            (from input in ItemsWithAnswers
             let pairs = CatalogBreaks.Of(input.Item, input.Answers).Select(b => b.Broken).DefaultIfEmpty(input.Answers).Last().ToArray()
             from shuffled in Gen.Shuffle(pairs)
             select (input.Item, pairs, shuffled)).ToArbitrary(),
            input =>
            {
                var (item, pairs, shuffled) = input;
                var inOrder = CatalogValues.Of(pairs);
                var reordered = CatalogValues.Of(shuffled);
                Assert.Equal(inOrder, reordered);
                Assert.Equal(item.Validate(inOrder), item.Validate(reordered));
            });

    [Property(MaxTest = 300)]
    public Property Json_round_trips_every_item_and_the_tagged_form_every_answer_set() =>
        Prop.ForAll(ItemsWithAnswers.ToArbitrary(), input =>
        {
            var (item, answers) = input;
            string json = item.ToJson();
            var read = CatalogItem.FromJson(json);
            Assert.Equal(item, read);
            Assert.Equal(json, read.ToJson());
            Assert.Equal(item.Validate(answers), read.Validate(answers));

            var resolved = item.Resolve(answers);
            Assert.Equal(resolved, CatalogValuesJson.ReadTagged(CatalogValuesJson.WriteTagged(resolved)));
        });
}

/// <summary>Every way to break exactly one rule of a valid answer set, with the code and variable it must be reported with.</summary>
internal static class CatalogBreaks
{
    public static IEnumerable<(CatalogValues Broken, string Code, string Variable)> Of(CatalogItem item, CatalogValues answers)
    {
        yield return (answers.With("zz-unknown", CatalogValue.Boolean(true)), CatalogProblemCodes.Unknown, "zz-unknown");
        var resolved = item.Resolve(answers);
        foreach (var variable in item.Variables)
        {
            bool visible = IsShown(item, resolved, variable);
            if (!visible)
            {
                if (Sample(variable) is { } any)
                {
                    yield return (answers.With(variable.Name, any), CatalogProblemCodes.Hidden, variable.Name);
                }

                continue;
            }

            string name = variable.Name;
            yield return (answers.With(name, variable.Kind == CatalogVariableKind.Number ? CatalogValue.Boolean(true) : CatalogValue.Number(1)), CatalogProblemCodes.WrongKind, name);
            if (variable.Required && variable.Default is null && answers.ContainsKey(name))
            {
                yield return (CatalogValues.Of(answers.Where(a => a.Key != name)), CatalogProblemCodes.Required, name);
            }

            switch (variable)
            {
                case TextVariable text:
                    if (text.MaxLength < Itsm.Common.FieldLimits.Text)
                    {
                        yield return (answers.With(name, CatalogValue.Text(new string('x', text.MaxLength + 1))), CatalogProblemCodes.TooLong, name);
                    }

                    if (text.Pattern is not null)
                    {
                        yield return (answers.With(name, CatalogValue.Text("!!")), CatalogProblemCodes.PatternMismatch, name);
                    }

                    break;
                case NumberVariable number:
                    if (number.Min is { } min)
                    {
                        yield return (answers.With(name, CatalogValue.Number(min - 1)), CatalogProblemCodes.BelowMin, name);
                    }

                    if (number.Max is { } max)
                    {
                        yield return (answers.With(name, CatalogValue.Number(max + 1)), CatalogProblemCodes.AboveMax, name);
                    }

                    if (number.IntegerOnly)
                    {
                        yield return (answers.With(name, CatalogValue.Number((number.Min ?? number.Max ?? 0) + 0.25m)), CatalogProblemCodes.NotInteger, name);
                    }

                    break;
                case ChoiceVariable choice:
                    yield return (answers.With(name, CatalogValue.Choice("zz-not-an-option")), CatalogProblemCodes.UnknownOption, name);
                    if (!choice.Multiple && choice.Options.Count > 1)
                    {
                        yield return (answers.With(name, CatalogValue.Choices(choice.Options.Take(2))), CatalogProblemCodes.TooManyOptions, name);
                    }

                    break;
                case DateVariable date:
                    if (date.Min is { } from)
                    {
                        yield return (answers.With(name, CatalogValue.Date(from.PlusDays(-1))), CatalogProblemCodes.DateBeforeMin, name);
                    }

                    if (date.Max is { } to)
                    {
                        yield return (answers.With(name, CatalogValue.Date(to.PlusDays(1))), CatalogProblemCodes.DateAfterMax, name);
                    }

                    break;
                case ReferenceVariable { Target: >= CatalogReferenceTarget.Incident }:
                    yield return (answers.With(name, CatalogValue.Reference("INC0010001")), CatalogProblemCodes.BadReference, name);
                    break;
            }
        }
    }

    // A variable is shown when the resolved answers hold an answer to it, or it has no condition, or its controller's resolved answer matches.
    private static bool IsShown(CatalogItem item, CatalogValues resolved, CatalogVariable variable)
    {
        if (variable.VisibleWhen is not { } when)
        {
            return true;
        }

        var controller = item.Variables.Single(v => v.Name == when.Variable);
        return IsShown(item, resolved, controller) && resolved.TryGetValue(when.Variable, out var answer)
            && when.AnyOf.Any(v => v.Equals(answer) || (answer.Kind == CatalogVariableKind.Choice && v.Kind == CatalogVariableKind.Choice && v.AsOptions.Any(answer.AsOptions.Contains)));
    }

    private static CatalogValue? Sample(CatalogVariable variable) => variable switch
    {
        TextVariable { Pattern: null } => CatalogValue.Text("x"),
        NumberVariable n => CatalogValue.Number(n.Min ?? n.Max ?? 0),
        ChoiceVariable c => CatalogValue.Choice(c.Options[0]),
        DateVariable d => CatalogValue.Date(d.Min ?? d.Max ?? new LocalDate(2026, 1, 1)),
        BooleanVariable => CatalogValue.Boolean(true),
        _ => null,
    };
}

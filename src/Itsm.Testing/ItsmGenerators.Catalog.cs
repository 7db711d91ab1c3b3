using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Requests;
using NodaTime;

namespace Itsm.Testing;

// Catalog items with variables of every kind, and answers that fit them.
public static partial class ItsmGenerators
{
    // The patterns generated items use, each with answers that match it (an answer generator cannot invert a regex).
    private static readonly (string Pattern, string[] Matches)[] Patterns =
    [
        ("[A-Z]{2}-[0-9]{4}", ["AB-1234", "ZX-0001"]),
        ("[a-z]+( [a-z]+)*", ["new starter", "replacement"]),
    ];

    private static readonly string[] PatternSamples = Patterns.SelectMany(p => p.Matches).Concat(["Needed for the project", "x"]).ToArray();

    private static readonly LocalDate FirstDate = new(2020, 1, 1);

    // The item service request scenarios ask for: no references, so it needs no service model entries.
    private static readonly CatalogItem LaptopItem = new("laptop", requiresApproval: true,
    [
        new ChoiceVariable("model") { Options = ["standard", "developer"], Required = true, Default = CatalogValue.Choice("standard") },
        new NumberVariable("ram") { Min = 16, Max = 64, IntegerOnly = true, Required = true, VisibleWhen = new CatalogVisibility("model", CatalogValue.Choice("developer")) },
        new TextVariable("justification") { Required = true, MaxLength = 500 },
        new ChoiceVariable("accessories") { Options = ["mouse", "keyboard", "dock"], Multiple = true },
        new DateVariable("neededBy") { Min = FirstDate },
    ]);

    /// <summary>
    /// Catalog items with 0-8 variables of every kind (text with and without a length limit and pattern, numbers
    /// with ranges and whole-number rules, single and multiple choices, dates with ranges, references to service-model
    /// elements and records, yes/no), some required, some with defaults, some shown only when an earlier variable has
    /// a given answer. Every item is accepted by <see cref="CatalogItem"/>'s constructor.
    /// </summary>
    public static Gen<CatalogItem> CatalogItems =>
        from count in Gen.Choose(0, 8)
        from shapes in Gen.ArrayOf(VariableShapes, count)
        from approval in Gen.Elements(false, true)
        from id in Gen.Elements("laptop", "access-request", "software-install")
        select BuildCatalogItem(id, approval, shapes);

    /// <summary>
    /// Answers that fit <paramref name="item"/>: each visible variable answered with a valid value or left to its
    /// default (or unanswered when it is not required), hidden variables unanswered. A text variable with a pattern is
    /// answered only with its default or with a sample text that matches the pattern (as <see cref="CatalogItems"/>'
    /// patterns have), and left unanswered otherwise.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <returns>The generator; its answers pass <see cref="CatalogItem.Validate"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public static Gen<CatalogValues> CatalogAnswers(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return from candidates in Gen.CollectToArray(item.Variables.Select(v => ValidValue(v).Select(value => (CatalogValue?)value)))
               from answerOrDefault in Gen.ArrayOf(Gen.Elements(true, false), item.Variables.Count)
               select PickAnswers(item, candidates, answerOrDefault);
    }

    /// <summary>A valid answer to <paramref name="variable"/>, ignoring its visibility; <see langword="null"/> for a patterned text variable no sample matches.</summary>
    private static Gen<CatalogValue> ValidValue(CatalogVariable variable) => variable switch
    {
        TextVariable { Pattern: not null } text => Gen.Constant(PatternSample(text)!),
        TextVariable text => Gen.Choose(1, Math.Min(text.MaxLength, 40)).Select(n => CatalogValue.Text(new string('x', n))),
        NumberVariable number => NumberIn(number),
        ChoiceVariable { Multiple: true } choice =>
            Gen.Choose(1, choice.Options.Count).SelectMany(n => Gen.Shuffle(choice.Options.ToArray()).Select(o => CatalogValue.Choices(o.Take(n)))),
        ChoiceVariable choice => Gen.Elements(choice.Options.ToArray()).Select(CatalogValue.Choice),
        DateVariable date => DateIn(date),
        ReferenceVariable reference => reference.Target >= CatalogReferenceTarget.Incident
            ? Gen.Choose(1, int.MaxValue).Select(n => CatalogValue.Reference(new Guid(n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).ToString("D")))
            : Gen.Elements("ci-1", "ci-2", "Email").Select(CatalogValue.Reference),
        _ => Gen.Elements(true, false).Select(CatalogValue.Boolean),
    };

    private static CatalogValue? PatternSample(TextVariable text) =>
        PatternSamples.Where(s => s.Length <= text.MaxLength && Regex.IsMatch(s, "^(?:" + text.Pattern + ")\\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TextVariable.PatternTimeout))
            .Select(CatalogValue.Text).FirstOrDefault();

    private static Gen<CatalogValue> NumberIn(NumberVariable number)
    {
        int low = (int)Math.Ceiling(number.Min ?? -1000m);
        int high = (int)Math.Floor(number.Max ?? 1000m);
        return from n in Gen.Choose(low, high)
               from half in Gen.Elements(false, !number.IntegerOnly && n < high)
               select CatalogValue.Number(half ? n + 0.5m : n);
    }

    private static Gen<CatalogValue> DateIn(DateVariable date)
    {
        var min = date.Min ?? FirstDate;
        var max = date.Max ?? FirstDate.PlusDays(3650);
        int days = Period.Between(min, max, PeriodUnits.Days).Days;
        return Gen.Choose(0, days).Select(d => CatalogValue.Date(min.PlusDays(d)));
    }

    private static CatalogValues PickAnswers(CatalogItem item, CatalogValue?[] candidates, bool[] answer)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < item.Variables.Count; i++)
        {
            byName[item.Variables[i].Name] = i;
        }

        var chosen = new Dictionary<string, CatalogValue>(StringComparer.Ordinal);
        var visible = new bool?[item.Variables.Count];
        for (int i = 0; i < item.Variables.Count; i++)
        {
            var variable = item.Variables[i];
            if (!IsVisible(item, byName, chosen, visible, i))
            {
                continue;
            }

            bool mustAnswer = variable.Required && variable.Default is null;
            if ((answer[i] || mustAnswer) && candidates[i] is { } value)
            {
                chosen[variable.Name] = value;
            }
        }

        return CatalogValues.Of(chosen);
    }

    // Controlling variables come first in generated items; for other items this still terminates because items are acyclic.
    private static bool IsVisible(CatalogItem item, Dictionary<string, int> byName, Dictionary<string, CatalogValue> chosen, bool?[] memo, int i)
    {
        if (memo[i] is { } known)
        {
            return known;
        }

        bool visible = true;
        if (item.Variables[i].VisibleWhen is { } when)
        {
            int controller = byName[when.Variable];
            visible = IsVisible(item, byName, chosen, memo, controller)
                && (chosen.TryGetValue(when.Variable, out var given) ? given : item.Variables[controller].Default) is { } answer
                && when.AnyOf.Any(v => v.Equals(answer) || (answer.Kind == CatalogVariableKind.Choice && v.Kind == CatalogVariableKind.Choice && v.AsOptions.Any(answer.AsOptions.Contains)));
        }

        memo[i] = visible;
        return visible;
    }

    private sealed record VariableShape(CatalogVariableKind Kind, bool Required, bool WithDefault, int Setting, int Controller, bool Flag);

    private static Gen<VariableShape> VariableShapes =>
        from kind in Gen.Elements(Enum.GetValues<CatalogVariableKind>())
        from required in Gen.Elements(false, true)
        from withDefault in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from setting in Gen.Choose(0, 1000)
        from controller in Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Choose(0, 7)))
        from flag in Gen.Elements(false, true)
        select new VariableShape(kind, required, withDefault, setting, controller, flag);

    private static CatalogItem BuildCatalogItem(string id, bool approval, VariableShape[] shapes)
    {
        var variables = new List<CatalogVariable>();
        for (int i = 0; i < shapes.Length; i++)
        {
            var shape = shapes[i];
            string name = "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            CatalogVariable bare = Bare(name, shape);
            var fallback = shape.WithDefault ? FirstValue(bare) : null;
            CatalogVisibility? visibleWhen = null;
            if (shape.Controller >= 0 && shape.Controller < i && FirstValue(variables[shape.Controller]) is { } shown)
            {
                visibleWhen = new CatalogVisibility(variables[shape.Controller].Name, shown);
            }

            variables.Add(With(bare, shape.Required, fallback, visibleWhen, "Question " + name));
        }

        return new CatalogItem(id, approval, variables);
    }

    private static CatalogVariable Bare(string name, VariableShape shape) => shape.Kind switch
    {
        CatalogVariableKind.Text => new TextVariable(name)
        {
            MaxLength = shape.Flag ? 10 + shape.Setting % 200 : Itsm.Common.FieldLimits.Text,
            Pattern = shape.Setting % 3 < 2 && !shape.Flag ? Patterns[shape.Setting % 3].Pattern : null,
        },
        CatalogVariableKind.Number => new NumberVariable(name)
        {
            Min = shape.Setting % 2 == 0 ? shape.Setting - 500 : null,
            Max = shape.Setting % 3 == 0 ? shape.Setting - 500 + shape.Setting % 50 : null,
            IntegerOnly = shape.Flag,
        },
        CatalogVariableKind.Choice => new ChoiceVariable(name)
        {
            Options = Enumerable.Range(0, 1 + shape.Setting % 5).Select(o => "o" + o.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Multiple = shape.Flag,
        },
        CatalogVariableKind.Date => new DateVariable(name)
        {
            Min = shape.Flag ? FirstDate.PlusDays(shape.Setting) : null,
            Max = shape.Setting % 2 == 0 ? FirstDate.PlusDays(shape.Setting + 30) : null,
        },
        CatalogVariableKind.Reference => new ReferenceVariable(name, (CatalogReferenceTarget)(shape.Setting % 9)),
        _ => new BooleanVariable(name),
    };

    // A deterministic valid value of a variable: its default, a visibility value.
    private static CatalogValue? FirstValue(CatalogVariable variable) => variable switch
    {
        TextVariable { Pattern: not null } text => PatternSample(text),
        TextVariable => CatalogValue.Text("default"),
        NumberVariable number => CatalogValue.Number(number.Min ?? number.Max ?? 0),
        ChoiceVariable choice => CatalogValue.Choice(choice.Options[^1]),
        DateVariable date => CatalogValue.Date(date.Min ?? date.Max ?? FirstDate),
        ReferenceVariable { Target: >= CatalogReferenceTarget.Incident } => CatalogValue.Reference("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ReferenceVariable => CatalogValue.Reference("ci-1"),
        _ => CatalogValue.Boolean(true),
    };

    private static CatalogVariable With(CatalogVariable bare, bool required, CatalogValue? fallback, CatalogVisibility? visibleWhen, string label) => bare switch
    {
        TextVariable t => new TextVariable(t.Name) { MaxLength = t.MaxLength, Pattern = t.Pattern, Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
        NumberVariable n => new NumberVariable(n.Name) { Min = n.Min, Max = n.Max, IntegerOnly = n.IntegerOnly, Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
        ChoiceVariable c => new ChoiceVariable(c.Name) { Options = c.Options, Multiple = c.Multiple, Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
        DateVariable d => new DateVariable(d.Name) { Min = d.Min, Max = d.Max, Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
        ReferenceVariable r => new ReferenceVariable(r.Name, r.Target) { Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
        _ => new BooleanVariable(bare.Name) { Required = required, Default = fallback, VisibleWhen = visibleWhen, Label = label },
    };
}

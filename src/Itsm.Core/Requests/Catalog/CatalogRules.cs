using System;
using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Requests;

/// <summary>The rules of catalog items: a definition's problems, and a request's answers checked and completed with defaults.</summary>
internal static class CatalogRules
{
    /// <summary>Every problem of a list of variables, each prefixed with <c>variables[i]</c>.</summary>
    internal static List<string> DefinitionProblems(IReadOnlyList<CatalogVariable> variables)
    {
        var errors = new List<string>();
        if (variables.Count > FieldLimits.Items)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"variables: lists {variables.Count} variables; at most {FieldLimits.Items}."));
            return errors;
        }

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < variables.Count; i++)
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"variables[{i}]");
            var variable = variables[i];
            if (variable is null)
            {
                errors.Add($"{path}: is null.");
                continue;
            }

            if (!byName.TryAdd(variable.Name, i))
            {
                errors.Add($"{path}.name: '{QuotedText.Of(variable.Name)}' is used by an earlier variable.");
            }

            if (variable.Label is { } label && (label.Length > FieldLimits.Title || string.IsNullOrWhiteSpace(label)))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.label: must be non-blank and at most {FieldLimits.Title} characters."));
            }

            int before = errors.Count;
            variable.CheckSettings(path, errors);
            if (errors.Count == before && variable.Default is { } fallback)
            {
                foreach (var problem in AnswerProblems(variable, fallback))
                {
                    errors.Add($"{path}.default: {problem.Message}");
                }
            }
        }

        for (int i = 0; i < variables.Count; i++)
        {
            if (variables[i]?.VisibleWhen is not { } when)
            {
                continue;
            }

            string path = string.Create(CultureInfo.InvariantCulture, $"variables[{i}].visibleWhen");
            if (!byName.TryGetValue(when.Variable, out int controller))
            {
                errors.Add($"{path}.variable: '{QuotedText.Of(when.Variable)}' is not a variable of the item.");
                continue;
            }

            if (InCycle(variables, byName, i))
            {
                errors.Add($"{path}: the conditions form a cycle through '{QuotedText.Of(variables[i].Name)}'.");
                continue;
            }

            for (int v = 0; v < when.AnyOf.Count; v++)
            {
                foreach (var problem in AnswerProblems(variables[controller], when.AnyOf[v]))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.in[{v}]: {problem.Message}"));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// Checks <paramref name="answers"/> against <paramref name="variables"/>: every problem, in the order of the
    /// variables, then unknown names; and the answers completed with the defaults of visible, unanswered variables.
    /// </summary>
    internal static (CatalogValues Resolved, List<CatalogProblem> Problems) Resolve(IReadOnlyList<CatalogVariable> variables, CatalogValues answers)
    {
        var problems = new List<CatalogProblem>();
        var visible = new bool?[variables.Count];
        var index = new Dictionary<string, int>(variables.Count, StringComparer.Ordinal);
        for (int i = 0; i < variables.Count; i++)
        {
            index[variables[i].Name] = i;
        }

        var resolved = new List<KeyValuePair<string, CatalogValue>>(variables.Count);
        for (int i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            answers.TryGetValue(variable.Name, out var given);
            if (!IsVisible(variables, index, answers, visible, i))
            {
                if (given is not null)
                {
                    problems.Add(new(CatalogProblemCodes.Hidden, variable.Name, $"the variable is hidden (shown only when '{QuotedText.Of(variable.VisibleWhen!.Variable)}' is answered otherwise), so it takes no answer."));
                }

                continue;
            }

            var value = given is not null && !given.IsBlank ? given : variable.Default;
            if (value is null || value.IsBlank)
            {
                if (variable.Required)
                {
                    problems.Add(new(CatalogProblemCodes.Required, variable.Name, "the variable is required."));
                }

                continue;
            }

            problems.AddRange(AnswerProblems(variable, value));
            resolved.Add(new(variable.Name, value));
        }

        foreach (var name in answers.Keys)
        {
            if (!index.ContainsKey(name))
            {
                problems.Add(new(CatalogProblemCodes.Unknown, name, "the item has no variable of that name."));
            }
        }

        return (CatalogValues.Of(resolved), problems);
    }

    /// <summary>The problems of one answer to one variable: its kind, then the kind's constraints.</summary>
    internal static List<CatalogProblem> AnswerProblems(CatalogVariable variable, CatalogValue value)
    {
        var problems = new List<CatalogProblem>();
        if (value.Kind != variable.Kind)
        {
            problems.Add(new(CatalogProblemCodes.WrongKind, variable.Name, $"the answer is {Describe(value.Kind)}; the variable takes {Describe(variable.Kind)}."));
        }
        else
        {
            variable.CheckAnswer(value, problems);
        }

        return problems;
    }

    internal static string Describe(CatalogVariableKind kind) => kind switch
    {
        CatalogVariableKind.Text => "text",
        CatalogVariableKind.Number => "a number",
        CatalogVariableKind.Choice => "a choice",
        CatalogVariableKind.Date => "a date",
        CatalogVariableKind.Reference => "a reference",
        _ => "yes or no",
    };

    // Definitions are acyclic (checked when the item is created), so the recursion ends; its depth is at most the
    // number of variables (FieldLimits.Items).
    private static bool IsVisible(IReadOnlyList<CatalogVariable> variables, Dictionary<string, int> index, CatalogValues answers, bool?[] memo, int i)
    {
        if (memo[i] is { } known)
        {
            return known;
        }

        bool visible = true;
        if (variables[i].VisibleWhen is { } when)
        {
            int controller = index[when.Variable];
            CatalogValue? answer = null;
            if (IsVisible(variables, index, answers, memo, controller))
            {
                answers.TryGetValue(when.Variable, out var given);
                answer = given is not null && !given.IsBlank ? given : variables[controller].Default;
            }

            visible = when.Holds(answer);
        }

        memo[i] = visible;
        return visible;
    }

    private static bool InCycle(IReadOnlyList<CatalogVariable> variables, Dictionary<string, int> byName, int start)
    {
        // Each variable has at most one controlling variable, so following them from start either ends or returns
        // to a variable seen before; start is in a cycle when that variable is start itself.
        int current = start;
        for (int steps = 0; steps <= variables.Count; steps++)
        {
            if (variables[current]?.VisibleWhen is not { } when || !byName.TryGetValue(when.Variable, out current))
            {
                return false;
            }

            if (current == start)
            {
                return true;
            }
        }

        return false;
    }
}

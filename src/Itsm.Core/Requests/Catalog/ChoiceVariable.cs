using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Requests;

/// <summary>
/// A choice among fixed options: one (ServiceNow's select box, Jira Service Management's select list), or
/// several when <see cref="Multiple"/> is set (a list collector, a multi-select). Options are compared ordinally.
/// </summary>
/// <param name="name">The variable's name (valid id text, at most <see cref="FieldLimits.Id"/> characters).</param>
/// <exception cref="ArgumentException"><paramref name="name"/> is blank, too long or not valid id text.</exception>
public sealed class ChoiceVariable(string name) : CatalogVariable(name)
{
    private ReadOnlyCollection<string> _options = new([]);

    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Choice;

    /// <summary>The options, in the order the form shows them: 1 to <see cref="FieldLimits.Items"/>, each once, valid id text of at most <see cref="FieldLimits.Id"/> characters.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public IReadOnlyList<string> Options
    {
        get => _options;
        init => _options = new List<string>(value ?? throw new ArgumentNullException(nameof(value))).AsReadOnly();
    }

    /// <summary>Whether several options may be chosen (default: exactly one).</summary>
    public bool Multiple { get; init; }

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
        var chosen = value.AsOptions;
        if (!Multiple && chosen.Count > 1)
        {
            problems.Add(Problem(CatalogProblemCodes.TooManyOptions, string.Create(CultureInfo.InvariantCulture, $"{chosen.Count} options are chosen; the variable takes one.")));
        }

        foreach (var option in chosen)
        {
            if (!_options.Contains(option, StringComparer.Ordinal))
            {
                problems.Add(Problem(CatalogProblemCodes.UnknownOption, $"'{QuotedText.Of(option)}' is not an option (expected {Expected()})."));
            }
        }
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
        if (_options.Count == 0)
        {
            errors.Add($"{path}.options: must list at least one option.");
        }
        else if (_options.Count > FieldLimits.Items)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.options: lists {_options.Count} options; at most {FieldLimits.Items}."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _options.Count; i++)
        {
            string? option = _options[i];
            if (string.IsNullOrWhiteSpace(option) || option.Length > FieldLimits.Id || !IdText.IsValid(option))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.options[{i}]: must be non-blank id text of at most {FieldLimits.Id} characters."));
            }
            else if (!seen.Add(option))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.options[{i}]: '{QuotedText.Of(option)}' is listed twice."));
            }
        }
    }

    private string Expected() => _options.Count <= 5
        ? string.Join(", ", _options.Select(o => QuotedText.Of(o)))
        : string.Join(", ", _options.Take(5).Select(o => QuotedText.Of(o))) + string.Create(CultureInfo.InvariantCulture, $" or {_options.Count - 5} more");
}

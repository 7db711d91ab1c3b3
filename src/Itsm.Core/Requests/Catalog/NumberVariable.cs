using System;
using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Requests;

/// <summary>A number question (a <see cref="decimal"/>), with an optional range and an option for whole numbers only.</summary>
/// <param name="name">The variable's name (valid id text, at most <see cref="Common.FieldLimits.Id"/> characters).</param>
/// <exception cref="ArgumentException"><paramref name="name"/> is blank, too long or not valid id text.</exception>
public sealed class NumberVariable(string name) : CatalogVariable(name)
{
    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Number;

    /// <summary>The smallest answer accepted (inclusive), or <see langword="null"/> for none.</summary>
    public decimal? Min { get; init; }

    /// <summary>The largest answer accepted (inclusive), or <see langword="null"/> for none.</summary>
    public decimal? Max { get; init; }

    /// <summary>Whether only whole numbers are accepted (<c>2</c> and <c>2.0</c> are whole, <c>2.5</c> is not).</summary>
    public bool IntegerOnly { get; init; }

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
        decimal number = value.AsNumber;
        if (number < Min)
        {
            problems.Add(Problem(CatalogProblemCodes.BelowMin, string.Create(CultureInfo.InvariantCulture, $"{number} is below the minimum {Min}.")));
        }

        if (number > Max)
        {
            problems.Add(Problem(CatalogProblemCodes.AboveMax, string.Create(CultureInfo.InvariantCulture, $"{number} is above the maximum {Max}.")));
        }

        if (IntegerOnly && decimal.Truncate(number) != number)
        {
            problems.Add(Problem(CatalogProblemCodes.NotInteger, string.Create(CultureInfo.InvariantCulture, $"{number} is not a whole number.")));
        }
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
        if (Min > Max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.min: {Min} is above max {Max}."));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using Ardalis.GuardClauses;
using Itsm.Common;
using NodaTime;

namespace Itsm.Requests;

/// <summary>
/// One answer to a catalog variable: text, a number, one or more options, a date, a reference or yes/no.
/// Immutable, compared by value (a multi-choice answer by its set of options, whatever their order).
/// </summary>
/// <remarks>
/// Create it with <see cref="Text"/>, <see cref="Number"/>, <see cref="Choice"/>, <see cref="Choices"/>,
/// <see cref="Date"/>, <see cref="Reference"/> or <see cref="Boolean"/>. Whether it fits a variable (its kind,
/// length, range, options) is checked against the catalog item (<see cref="CatalogItem.Validate"/>).
/// </remarks>
public sealed class CatalogValue : IEquatable<CatalogValue>
{
    private static readonly ReadOnlyCollection<string> NoOptions = new([]);

    private readonly string? _text;
    private readonly decimal _number;
    private readonly LocalDate _date;
    private readonly bool _boolean;
    private readonly ReadOnlyCollection<string> _options = NoOptions;

    private CatalogValue(CatalogVariableKind kind, string? text = null, decimal number = 0, LocalDate date = default, bool boolean = false)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _date = date;
        _boolean = boolean;
    }

    private CatalogValue(ReadOnlyCollection<string> options)
        : this(CatalogVariableKind.Choice)
    {
        _options = options;
    }

    /// <summary>The kind of answer; it must be the kind of the variable it answers.</summary>
    public CatalogVariableKind Kind { get; }

    /// <summary>The text of a <see cref="CatalogVariableKind.Text"/> answer, or the id of a <see cref="CatalogVariableKind.Reference"/> one.</summary>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public string AsText => Kind is CatalogVariableKind.Text or CatalogVariableKind.Reference ? _text! : throw WrongKind("text or a reference");

    /// <summary>The number of a <see cref="CatalogVariableKind.Number"/> answer.</summary>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public decimal AsNumber => Kind == CatalogVariableKind.Number ? _number : throw WrongKind("a number");

    /// <summary>The options chosen in a <see cref="CatalogVariableKind.Choice"/> answer, in ordinal order, each once.</summary>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public IReadOnlyList<string> AsOptions => Kind == CatalogVariableKind.Choice ? _options : throw WrongKind("a choice");

    /// <summary>The date of a <see cref="CatalogVariableKind.Date"/> answer.</summary>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public LocalDate AsDate => Kind == CatalogVariableKind.Date ? _date : throw WrongKind("a date");

    /// <summary>The answer of a <see cref="CatalogVariableKind.Boolean"/> variable.</summary>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public bool AsBoolean => Kind == CatalogVariableKind.Boolean ? _boolean : throw WrongKind("yes or no");

    /// <summary>A text answer. Empty or white-space text counts as no answer for a required variable.</summary>
    /// <param name="value">The text, at most <see cref="FieldLimits.Text"/> characters (a variable may allow fewer).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FieldLimitException"><paramref name="value"/> is longer than <see cref="FieldLimits.Text"/>.</exception>
    public static CatalogValue Text(string value)
    {
        Guard.Against.Null(value);
        FieldCheck.Length(value, FieldLimits.Text);
        return new(CatalogVariableKind.Text, text: value);
    }

    /// <summary>A number answer.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static CatalogValue Number(decimal value) => new(CatalogVariableKind.Number, number: value);

    /// <summary>A choice of one option.</summary>
    /// <param name="option">The option chosen.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="option"/> is null, blank, longer than <see cref="FieldLimits.Id"/> or not valid id text (<see cref="IdText"/>).</exception>
    public static CatalogValue Choice(string option) => new(new ReadOnlyCollection<string>([CheckOption(option, nameof(option))]));

    /// <summary>A choice of several options (for a variable that allows several); the order does not matter.</summary>
    /// <param name="options">The options chosen, each once; at most <see cref="FieldLimits.Items"/>. An empty list is no answer.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The list is null, an option is invalid (as for <see cref="Choice"/>) or named twice.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> options.</exception>
    public static CatalogValue Choices(IEnumerable<string> options)
    {
        Guard.Against.Null(options);
        var list = new List<string>();
        foreach (var option in options)
        {
            list.Add(CheckOption(option, nameof(options)));
        }

        FieldCheck.Count(list, FieldLimits.Items, nameof(options));
        list.Sort(StringComparer.Ordinal);
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i] == list[i - 1])
            {
                throw new ArgumentException($"The option '{IdText.Quote(list[i])}' is chosen twice.", nameof(options));
            }
        }

        return new(list.AsReadOnly());
    }

    /// <summary>A date answer.</summary>
    /// <param name="value">The date (a calendar date: no time, no zone).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not in the ISO calendar.</exception>
    public static CatalogValue Date(LocalDate value)
    {
        if (value.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("The date must be in the ISO calendar.", nameof(value));
        }

        return new(CatalogVariableKind.Date, date: value);
    }

    /// <summary>A reference answer: the id of a record or a service-model element (see <see cref="CatalogReferenceTarget"/>).</summary>
    /// <param name="id">The id, at most <see cref="FieldLimits.Id"/> characters of valid id text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, blank, too long or not valid id text.</exception>
    public static CatalogValue Reference(string id)
    {
        FieldCheck.Required(id, FieldLimits.Id);
        IdText.Check(id);
        return new(CatalogVariableKind.Reference, text: id);
    }

    /// <summary>A yes/no answer.</summary>
    /// <param name="value">The answer.</param>
    /// <returns>The value.</returns>
    public static CatalogValue Boolean(bool value) => new(CatalogVariableKind.Boolean, boolean: value);

    /// <summary>Whether the value counts as no answer: white-space text or an empty choice.</summary>
    internal bool IsBlank => Kind switch
    {
        CatalogVariableKind.Text => string.IsNullOrWhiteSpace(_text),
        CatalogVariableKind.Choice => _options.Count == 0,
        _ => false,
    };

    /// <inheritdoc/>
    public bool Equals(CatalogValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            CatalogVariableKind.Text or CatalogVariableKind.Reference => string.Equals(_text, other._text, StringComparison.Ordinal),
            CatalogVariableKind.Number => _number == other._number,
            CatalogVariableKind.Date => _date == other._date,
            CatalogVariableKind.Boolean => _boolean == other._boolean,
            _ => System.Linq.Enumerable.SequenceEqual(_options, other._options, StringComparer.Ordinal),
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CatalogValue);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind switch
    {
        CatalogVariableKind.Text or CatalogVariableKind.Reference => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(_text!)),
        CatalogVariableKind.Number => HashCode.Combine(Kind, _number),
        CatalogVariableKind.Date => HashCode.Combine(Kind, _date),
        CatalogVariableKind.Boolean => HashCode.Combine(Kind, _boolean),
        _ => HashCode.Combine(Kind, _options.Count, _options.Count > 0 ? StringComparer.Ordinal.GetHashCode(_options[0]) : 0),
    };

    /// <summary>The value as text, for messages: options joined by commas, dates as ISO, numbers invariant.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        CatalogVariableKind.Text or CatalogVariableKind.Reference => _text!,
        CatalogVariableKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        CatalogVariableKind.Date => NodaTime.Text.LocalDatePattern.Iso.Format(_date),
        CatalogVariableKind.Boolean => _boolean ? "true" : "false",
        _ => string.Join(",", _options),
    };

    private static string CheckOption(string option, string paramName)
    {
        FieldCheck.Required(option, FieldLimits.Id, paramName);
        IdText.Check(option, paramName);
        return option;
    }

    private InvalidOperationException WrongKind(string expected) =>
        new($"The value is {Kind.ToString().ToLowerInvariant()}, not {expected}.");
}

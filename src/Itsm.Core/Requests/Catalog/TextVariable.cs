using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Itsm.Common;
using Itsm.Text;

namespace Itsm.Requests;

/// <summary>A free-text question, with a longest length and an optional pattern the whole answer must match.</summary>
/// <param name="name">The variable's name (valid id text, at most <see cref="FieldLimits.Id"/> characters).</param>
/// <exception cref="ArgumentException"><paramref name="name"/> is blank, too long or not valid id text.</exception>
public sealed class TextVariable(string name) : CatalogVariable(name)
{
    /// <summary>The longest pattern: 1,000 characters.</summary>
    public const int MaxPatternLength = 1000;

    /// <summary>
    /// How long matching one answer against <see cref="Pattern"/> may take: 1 second. Patterns run on .NET's
    /// non-backtracking engine, whose time grows linearly with the answer, so the limit is a safety net; an
    /// answer that hits it is refused with <see cref="CatalogProblemCodes.PatternTimeout"/>.
    /// </summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private Regex? _regex;

    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Text;

    /// <summary>The longest answer, 1 to <see cref="FieldLimits.Text"/> characters (the default).</summary>
    public int MaxLength { get; init; } = FieldLimits.Text;

    /// <summary>
    /// A .NET regular expression the whole answer must match (it is anchored at both ends), or <see langword="null"/>.
    /// It runs with <see cref="RegexOptions.NonBacktracking"/> and <see cref="RegexOptions.CultureInvariant"/>, so
    /// backreferences, lookarounds and atomic groups are refused when the item is created: an answer's check never
    /// depends on how fast the machine is. At most <see cref="MaxPatternLength"/> characters.
    /// </summary>
    public string? Pattern { get; init; }

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
        string text = value.AsText;
        if (text.Length > MaxLength)
        {
            problems.Add(Problem(CatalogProblemCodes.TooLong, string.Create(CultureInfo.InvariantCulture, $"the text is {text.Length} characters long; at most {MaxLength} are allowed.")));
        }

        if (Pattern is null)
        {
            return;
        }

        try
        {
            if (!(_regex ??= Compile(Pattern)).IsMatch(text))
            {
                problems.Add(Problem(CatalogProblemCodes.PatternMismatch, $"'{QuotedText.Of(text)}' does not match the pattern '{QuotedText.Of(Pattern)}'."));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            problems.Add(Problem(CatalogProblemCodes.PatternTimeout, "the text could not be checked against the pattern in time."));
        }
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
        if (MaxLength is < 1 or > FieldLimits.Text)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.maxLength: must be 1 to {FieldLimits.Text} (is {MaxLength})."));
        }

        if (Pattern is null)
        {
            return;
        }

        if (Pattern.Length > MaxPatternLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.pattern: is {Pattern.Length} characters long; at most {MaxPatternLength}."));
            return;
        }

        try
        {
            _regex = Compile(Pattern);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            errors.Add($"{path}.pattern: '{QuotedText.Of(Pattern)}' is not a supported regular expression: {QuotedText.Message(e.Message)}");
        }
    }

    private static Regex Compile(string pattern) =>
        new("^(?:" + pattern + ")\\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, PatternTimeout);
}

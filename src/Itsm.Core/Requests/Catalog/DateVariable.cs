using System.Collections.Generic;
using NodaTime;
using NodaTime.Text;

namespace Itsm.Requests;

/// <summary>A date question (a NodaTime <see cref="LocalDate"/>: no time, no zone), with an optional range.</summary>
/// <param name="name">The variable's name (valid id text, at most <see cref="Common.FieldLimits.Id"/> characters).</param>
/// <exception cref="System.ArgumentException"><paramref name="name"/> is blank, too long or not valid id text.</exception>
/// <remarks>The range is fixed dates: a rule such as "at least five working days from today" is the host's, which knows the requester's calendar.</remarks>
public sealed class DateVariable(string name) : CatalogVariable(name)
{
    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Date;

    /// <summary>The earliest date accepted (inclusive), or <see langword="null"/> for none.</summary>
    public LocalDate? Min { get; init; }

    /// <summary>The latest date accepted (inclusive), or <see langword="null"/> for none.</summary>
    public LocalDate? Max { get; init; }

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
        var date = value.AsDate;
        if (Min is { } min && date < min)
        {
            problems.Add(Problem(CatalogProblemCodes.DateBeforeMin, $"{Iso(date)} is before the earliest date {Iso(min)}."));
        }

        if (Max is { } max && date > max)
        {
            problems.Add(Problem(CatalogProblemCodes.DateAfterMax, $"{Iso(date)} is after the latest date {Iso(max)}."));
        }
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
        if (Min is { } a && a.Calendar != CalendarSystem.Iso || Max is { } b && b.Calendar != CalendarSystem.Iso)
        {
            errors.Add($"{path}: dates must be in the ISO calendar.");
        }
        else if (Min is { } min && Max is { } max && min > max)
        {
            errors.Add($"{path}.min: {Iso(min)} is after max {Iso(max)}.");
        }
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Governance;

/// <summary>
/// The reference list of the seven ITIL 4 guiding principles (<see cref="GuidingPrinciple"/>), in ITIL's
/// order, with their names and short descriptions: what a report or a UI shows beside a citation.
/// </summary>
public static class GuidingPrinciples
{
    /// <summary>The seven principles, in ITIL's order (focus on value first).</summary>
    public static IReadOnlyList<GuidingPrincipleInfo> All { get; } = Array.AsReadOnly(new GuidingPrincipleInfo[]
    {
        new(GuidingPrinciple.FocusOnValue, "Focus on value", "Everything the organisation does links, directly or indirectly, to value for itself, its customers and other stakeholders."),
        new(GuidingPrinciple.StartWhereYouAre, "Start where you are", "Observe and measure what already exists before building something new, and keep what works."),
        new(GuidingPrinciple.ProgressIterativelyWithFeedback, "Progress iteratively with feedback", "Organise work into small, manageable steps, each completed in a timely way, and use feedback before, during and after each."),
        new(GuidingPrinciple.CollaborateAndPromoteVisibility, "Collaborate and promote visibility", "Work across boundaries with the right people in the right roles, and make work and its results visible to those who need them."),
        new(GuidingPrinciple.ThinkAndWorkHolistically, "Think and work holistically", "No service, practice or component stands alone: consider the whole value system and how its parts work together."),
        new(GuidingPrinciple.KeepItSimpleAndPractical, "Keep it simple and practical", "Use the minimum number of steps that achieves the objective, and remove whatever produces no value."),
        new(GuidingPrinciple.OptimizeAndAutomate, "Optimize and automate", "Make work as effective and useful as it needs to be before automating it, and automate to make the most of human effort."),
    });

    /// <summary>The reference entry of <paramref name="principle"/>.</summary>
    /// <param name="principle">A principle.</param>
    /// <returns>Its name and description.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="principle"/> is not one of the seven.</exception>
    public static GuidingPrincipleInfo Get(GuidingPrinciple principle) =>
        principle is >= GuidingPrinciple.FocusOnValue and <= GuidingPrinciple.OptimizeAndAutomate
            ? All[(int)principle - 1]
            : throw new ArgumentOutOfRangeException(nameof(principle), principle, "Not one of the seven guiding principles.");

    /// <summary>Citations as stored: each principle once, in ITIL's order; an undefined value is refused.</summary>
    internal static GuidingPrinciple[] Normalize(IEnumerable<GuidingPrinciple>? principles, string paramName)
    {
        if (principles is null)
        {
            return [];
        }

        var list = principles.ToArray();
        foreach (var principle in list)
        {
            if (!Enum.IsDefined(principle))
            {
                throw new ArgumentOutOfRangeException(paramName, principle, "Not one of the seven guiding principles.");
            }
        }

        return list.Distinct().Order().ToArray();
    }

    /// <summary>The audit log's text for citations: the names joined with a comma and a space (empty for none).</summary>
    internal static string AuditText(IReadOnlyList<GuidingPrinciple> principles) => string.Join(", ", principles);

    /// <summary>Reads <see cref="AuditText"/> back; <see langword="null"/> when a name is not a principle.</summary>
    internal static GuidingPrinciple[]? FromAuditText(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var names = text.Split(", ", StringSplitOptions.None);
        var list = new GuidingPrinciple[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            if (!TryParse(names[i], out list[i]))
            {
                return null;
            }
        }

        return list;
    }

    /// <summary>Reads a principle's stored name (the enum member's name, exactly).</summary>
    internal static bool TryParse(string name, out GuidingPrinciple principle)
    {
        // Enum.TryParse also takes numbers, lists and padding; only the exact name is a stored name.
        principle = default;
        return Enum.TryParse(name, ignoreCase: false, out principle) && Enum.IsDefined(principle) && principle.ToString() == name;
    }
}

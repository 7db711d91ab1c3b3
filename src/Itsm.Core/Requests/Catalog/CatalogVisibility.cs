using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>
/// When a catalog variable is shown: when another variable (the controlling one) is shown and its answer (given,
/// or its default) is one of <see cref="AnyOf"/>. For a choice that takes several options, it holds when any
/// listed option is among those chosen. ServiceNow builds this with UI policies, Jira Service Management with
/// conditional fields.
/// </summary>
/// <remarks>
/// The controlling variable must be another variable of the same item, each value must be a valid answer to it,
/// and conditions must not form a cycle (a variable shown when a variable shown when the first ...): the item
/// refuses such a definition.
/// </remarks>
public sealed class CatalogVisibility
{
    /// <summary>Creates the condition.</summary>
    /// <param name="variable">The controlling variable's name.</param>
    /// <param name="anyOf">The answers that show the variable; at least one, at most <see cref="FieldLimits.Items"/>.</param>
    /// <exception cref="ArgumentException">The name is blank, too long or not valid id text; the list is null, empty or holds null.</exception>
    /// <exception cref="FieldLimitException">More than <see cref="FieldLimits.Items"/> values.</exception>
    public CatalogVisibility(string variable, IEnumerable<CatalogValue> anyOf)
    {
        FieldCheck.Required(variable, FieldLimits.Id);
        IdText.Check(variable);
        Guard.Against.Null(anyOf);
        var values = new List<CatalogValue>(anyOf);
        FieldCheck.Count(values, FieldLimits.Items, nameof(anyOf));
        if (values.Count == 0 || values.Exists(v => v is null))
        {
            throw new ArgumentException("List at least one value, and no null.", nameof(anyOf));
        }

        Variable = variable;
        AnyOf = values.AsReadOnly();
    }

    /// <summary>Creates the condition "shown when <paramref name="variable"/> is answered one of <paramref name="anyOf"/>".</summary>
    /// <param name="variable">The controlling variable's name.</param>
    /// <param name="anyOf">The answers that show the variable.</param>
    /// <exception cref="ArgumentException">As for the other constructor.</exception>
    public CatalogVisibility(string variable, params CatalogValue[] anyOf)
        : this(variable, (IEnumerable<CatalogValue>)anyOf)
    {
    }

    /// <summary>The controlling variable's name.</summary>
    public string Variable { get; }

    /// <summary>The answers of the controlling variable that show the variable.</summary>
    public ReadOnlyCollection<CatalogValue> AnyOf { get; }

    /// <summary>Whether an answer of the controlling variable (<see langword="null"/> when it has none or is hidden) shows the variable.</summary>
    internal bool Holds(CatalogValue? answer)
    {
        if (answer is null)
        {
            return false;
        }

        foreach (var value in AnyOf)
        {
            if (value.Equals(answer))
            {
                return true;
            }

            if (answer.Kind == CatalogVariableKind.Choice && value.Kind == CatalogVariableKind.Choice)
            {
                foreach (var option in value.AsOptions)
                {
                    if (answer.AsOptions.Contains(option))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}

using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>
/// A question of a catalog item's form (ServiceNow's catalog variable, Jira Service Management's request type
/// field): a name, whether it must be answered, a default, and when it is shown. The subclasses add the
/// constraints of their kind: <see cref="TextVariable"/>, <see cref="NumberVariable"/>, <see cref="ChoiceVariable"/>,
/// <see cref="DateVariable"/>, <see cref="ReferenceVariable"/> and <see cref="BooleanVariable"/>.
/// </summary>
/// <remarks>
/// A variable is checked when the <see cref="CatalogItem"/> holding it is created: every problem (a default that
/// breaks the variable's own constraints, a minimum above the maximum, a visibility condition on an unknown variable
/// or in a cycle) is listed in one <see cref="CatalogItemDefinitionException"/>.
/// </remarks>
public abstract class CatalogVariable
{
    private protected CatalogVariable(string name)
    {
        FieldCheck.Required(name, FieldLimits.Id);
        IdText.Check(name);
        Name = name;
    }

    /// <summary>The variable's name: the key of its answer in <see cref="CatalogValues"/>; unique within its item.</summary>
    public string Name { get; }

    /// <summary>The kind of answer it takes.</summary>
    public abstract CatalogVariableKind Kind { get; }

    /// <summary>The question as the form shows it (at most <see cref="FieldLimits.Title"/> characters); <see langword="null"/> to show the name.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Whether a visible variable must be answered (a default counts as an answer). A hidden variable is never
    /// required. For a <see cref="BooleanVariable"/>, required means "answered yes or no", not "answered yes".
    /// </summary>
    public bool Required { get; init; }

    /// <summary>The answer a visible variable takes when the request gives none; it must fit the variable. <see langword="null"/> for none.</summary>
    public CatalogValue? Default { get; init; }

    /// <summary>
    /// When the variable is shown: <see langword="null"/> for always. A hidden variable is neither required nor
    /// accepted (an answer to it is refused with <see cref="CatalogProblemCodes.Hidden"/>), and takes no default.
    /// </summary>
    public CatalogVisibility? VisibleWhen { get; init; }

    /// <summary>Adds the problems of <paramref name="value"/>, an answer of this variable's kind, to <paramref name="problems"/>.</summary>
    internal abstract void CheckAnswer(CatalogValue value, List<CatalogProblem> problems);

    /// <summary>Adds the problems of the kind's own settings (ranges, options, pattern), each prefixed with <paramref name="path"/>.</summary>
    internal abstract void CheckSettings(string path, List<string> errors);

    private protected CatalogProblem Problem(string code, string message) => new(code, Name, message);
}

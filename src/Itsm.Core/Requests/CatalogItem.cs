using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Requests;

/// <summary>
/// What a service request asks for: an item of the service catalog, with the questions its form asks
/// (<see cref="Variables"/>; ServiceNow's catalog variables, Jira Service Management's request type fields).
/// A request is submitted with answers (<see cref="CatalogValues"/>) that must fit them (docs/catalog.md).
/// </summary>
/// <remarks>
/// Immutable. Two items are equal when their ids, approval rule and variable definitions are (compared by their
/// JSON form, docs/catalog-items-json.md).
/// </remarks>
public sealed record CatalogItem
{
    private static readonly ReadOnlyCollection<CatalogVariable> NoVariables = new([]);

    private string? _definition;

    /// <summary>Creates a catalog item without variables: a request for it takes no answers.</summary>
    /// <param name="id">A non-empty id, for example <c>"laptop-standard"</c>.</param>
    /// <param name="requiresApproval">Whether requests for it need an approval before fulfilment.</param>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is blank.</exception>
    public CatalogItem(string id, bool requiresApproval)
    {
        Id = FieldCheck.Required(id, FieldLimits.Id);
        RequiresApproval = requiresApproval;
        Variables = NoVariables;
    }

    /// <summary>Creates a catalog item with variables.</summary>
    /// <param name="id">A non-empty id, for example <c>"laptop-standard"</c>.</param>
    /// <param name="requiresApproval">Whether requests for it need an approval before fulfilment.</param>
    /// <param name="variables">The questions of its form, in the order the form shows them; at most <see cref="FieldLimits.Items"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is blank; <paramref name="variables"/> is null.</exception>
    /// <exception cref="CatalogItemDefinitionException">
    /// The variables break a rule; every problem is listed, each naming the variable by position: two with one name,
    /// a default that does not fit its variable, a minimum above the maximum, no options, a pattern that is not a
    /// supported regular expression, a visibility condition on an unknown variable, with a value that does not fit
    /// it, or in a cycle.
    /// </exception>
    public CatalogItem(string id, bool requiresApproval, IEnumerable<CatalogVariable> variables)
        : this(id, requiresApproval)
    {
        Guard.Against.Null(variables);
        var list = new List<CatalogVariable>(variables);
        var problems = CatalogRules.DefinitionProblems(list);
        if (problems.Count > 0)
        {
            throw new CatalogItemDefinitionException(problems, nameof(variables));
        }

        Variables = list.AsReadOnly();
    }

    private CatalogItem(string id, bool requiresApproval, List<CatalogVariable> variables, bool _)
        : this(id, requiresApproval)
    {
        Variables = variables.Count == 0 ? NoVariables : variables.AsReadOnly();
    }

    /// <summary>The item's id.</summary>
    public string Id { get; }

    /// <summary>Whether requests for the item need an approval before fulfilment.</summary>
    public bool RequiresApproval { get; }

    /// <summary>The questions of the item's form, in order; empty for an item that asks nothing.</summary>
    public IReadOnlyList<CatalogVariable> Variables { get; }

    /// <summary>
    /// Reads one catalog item from JSON (docs/catalog-items-json.md). Comments and trailing commas are accepted;
    /// unknown properties are errors.
    /// </summary>
    /// <param name="json">The item object.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="CatalogItemDefinitionException">The JSON is malformed or the item is invalid; every problem is listed with its JSON path.</exception>
    public static CatalogItem FromJson(string json) => CatalogItemJson.ReadOne(json, nameof(json));

    /// <summary>Reads a catalog, <c>{ "items": [ ... ] }</c>, from JSON (docs/catalog-items-json.md).</summary>
    /// <param name="json">The document.</param>
    /// <returns>The items, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="CatalogItemDefinitionException">The JSON is malformed, an item is invalid or two share an id; every problem is listed with its JSON path.</exception>
    public static IReadOnlyList<CatalogItem> ListFromJson(string json) => CatalogItemJson.ReadMany(json, nameof(json));

    /// <summary>Writes a catalog, <c>{ "items": [ ... ] }</c>, as indented JSON that <see cref="ListFromJson"/> reads back into equal items.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public static string ListToJson(IEnumerable<CatalogItem> items) => CatalogItemJson.WriteMany(Guard.Against.Null(items));

    /// <summary>Writes the item as indented JSON that <see cref="FromJson"/> reads back into an equal item.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => CatalogItemJson.WriteOne(this);

    /// <summary>
    /// Checks answers against the item without throwing: every problem, in the order of <see cref="Variables"/>,
    /// then answers to unknown variables in ordinal order of their names. Empty when the answers fit.
    /// </summary>
    /// <param name="answers">The answers.</param>
    /// <returns>The problems; each has a <see cref="CatalogProblemCodes"/> code and names its variable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    /// <remarks>
    /// A variable is visible when it has no <see cref="CatalogVariable.VisibleWhen"/>, or its controlling variable is
    /// visible and its answer (given, else its default) is one the condition lists. A visible variable takes its
    /// answer, or its default when it has none; a hidden variable takes neither. The result depends only on the set of
    /// answers, not on the order they were given in.
    /// </remarks>
    public IReadOnlyList<CatalogProblem> Validate(CatalogValues answers) => CatalogRules.Resolve(Variables, Guard.Against.Null(answers)).Problems;

    /// <summary>
    /// The answers a request for this item holds: <paramref name="answers"/> checked (as <see cref="Validate"/>) and
    /// completed with the defaults of visible variables left unanswered.
    /// </summary>
    /// <param name="answers">The answers given.</param>
    /// <returns>The answers of the visible variables, with defaults.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    /// <exception cref="CatalogValuesException">The answers do not fit; every problem is listed (parameter <c>answers</c>).</exception>
    public CatalogValues Resolve(CatalogValues answers) => Resolve(Guard.Against.Null(answers), nameof(answers));

    /// <inheritdoc/>
    public bool Equals(CatalogItem? other) =>
        other is not null && Id == other.Id && RequiresApproval == other.RequiresApproval && Variables.Count == other.Variables.Count
        && (Variables.Count == 0 || Definition == other.Definition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, RequiresApproval, Variables.Count);

    /// <summary>An item read from a definition already checked (the JSON reader checks it with paths of its own).</summary>
    internal static CatalogItem Checked(string id, bool requiresApproval, List<CatalogVariable> variables) => new(id, requiresApproval, variables, true);

    /// <summary>The answers completed with defaults; <paramref name="paramName"/> names the parameter in the exception.</summary>
    internal CatalogValues Resolve(CatalogValues answers, string paramName)
    {
        if (Variables.Count == 0 && answers.Count == 0)
        {
            return CatalogValues.Empty;
        }

        var (resolved, problems) = CatalogRules.Resolve(Variables, answers);
        if (problems.Count > 0)
        {
            throw new CatalogValuesException(Id, problems, paramName);
        }

        return resolved;
    }

    /// <summary>The item's compact JSON form: what the state codec stores, and what equality compares.</summary>
    internal string Definition => _definition ??= CatalogItemJson.WriteOne(this, indented: false);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", RequiresApproval = ").Append(RequiresApproval).Append(", Variables = ").Append(Variables.Count);
        return true;
    }
}

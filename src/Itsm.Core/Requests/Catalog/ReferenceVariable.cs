using System;
using System.Collections.Generic;
using Itsm.Text;

namespace Itsm.Requests;

/// <summary>
/// A question answered with the id of a record or a service-model element (ServiceNow's reference variable, Jira
/// Service Management's asset field). With a service model, the engine refuses a submitted request whose answer
/// names a configuration item, service, offering, support group or supplier the model does not hold, as it refuses
/// the request's own service and configuration items; a record answer must be a record id (a non-empty GUID).
/// </summary>
public sealed class ReferenceVariable : CatalogVariable
{
    /// <summary>Creates the variable.</summary>
    /// <param name="name">The variable's name (valid id text, at most <see cref="Common.FieldLimits.Id"/> characters).</param>
    /// <param name="target">What the answer names.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, too long or not valid id text; <paramref name="target"/> is not defined.</exception>
    public ReferenceVariable(string name, CatalogReferenceTarget target)
        : base(name)
    {
        if (!Enum.IsDefined(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "Not a reference target.");
        }

        Target = target;
    }

    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Reference;

    /// <summary>What the answer names.</summary>
    public CatalogReferenceTarget Target { get; }

    /// <summary>Whether the target is a record (an incident, problem, change or request) rather than a service-model element.</summary>
    internal bool TargetsRecord => Target >= CatalogReferenceTarget.Incident;

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
        string id = value.AsText;
        if (TargetsRecord && (!Guid.TryParseExact(id, "D", out var guid) || guid == Guid.Empty))
        {
            problems.Add(Problem(CatalogProblemCodes.BadReference, $"'{QuotedText.Of(id)}' is not the id of a {Target} record (a non-empty GUID such as \"0f8fad5b-d9cb-469f-a165-70867728950e\")."));
        }
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
    }
}

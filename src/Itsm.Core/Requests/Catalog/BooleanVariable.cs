using System.Collections.Generic;

namespace Itsm.Requests;

/// <summary>A yes/no question (ServiceNow's check box). <see cref="CatalogVariable.Required"/> means it must be answered, yes or no.</summary>
/// <param name="name">The variable's name (valid id text, at most <see cref="Common.FieldLimits.Id"/> characters).</param>
/// <exception cref="System.ArgumentException"><paramref name="name"/> is blank, too long or not valid id text.</exception>
public sealed class BooleanVariable(string name) : CatalogVariable(name)
{
    /// <inheritdoc/>
    public override CatalogVariableKind Kind => CatalogVariableKind.Boolean;

    internal override void CheckAnswer(CatalogValue value, List<CatalogProblem> problems)
    {
    }

    internal override void CheckSettings(string path, List<string> errors)
    {
    }
}

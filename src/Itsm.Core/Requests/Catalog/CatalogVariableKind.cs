namespace Itsm.Requests;

/// <summary>The kinds of catalog variables (the questions of a catalog item's form), and of the values that answer them.</summary>
public enum CatalogVariableKind
{
    /// <summary>Free text (<see cref="TextVariable"/>; ServiceNow's single- and multi-line text, Jira Service Management's text field).</summary>
    Text = 0,

    /// <summary>A decimal number (<see cref="NumberVariable"/>).</summary>
    Number = 1,

    /// <summary>One or several options of a list (<see cref="ChoiceVariable"/>; ServiceNow's select box and list collector).</summary>
    Choice = 2,

    /// <summary>A calendar date without a time or zone (<see cref="DateVariable"/>).</summary>
    Date = 3,

    /// <summary>The id of a record or of a service-model element (<see cref="ReferenceVariable"/>; ServiceNow's reference variable).</summary>
    Reference = 4,

    /// <summary>Yes or no (<see cref="BooleanVariable"/>; ServiceNow's check box).</summary>
    Boolean = 5,
}

namespace Itsm.Requests;

/// <summary>
/// The stable codes of <see cref="CatalogProblem"/>: why an answer does not fit its variable. A host maps
/// them to form messages; <see cref="CatalogValuesException"/> carries every problem of one submission.
/// </summary>
public static class CatalogProblemCodes
{
    /// <summary>A required, visible variable has no answer (nor a default); blank text and an empty choice are no answer.</summary>
    public const string Required = "ITSM-REQ-VAR-001";

    /// <summary>The item has no variable of that name.</summary>
    public const string Unknown = "ITSM-REQ-VAR-002";

    /// <summary>The variable is hidden (its <see cref="CatalogVariable.VisibleWhen"/> does not hold), so it accepts no answer.</summary>
    public const string Hidden = "ITSM-REQ-VAR-003";

    /// <summary>The answer is of another kind than the variable (a number for a date, say).</summary>
    public const string WrongKind = "ITSM-REQ-VAR-004";

    /// <summary>The text is longer than the variable's <see cref="TextVariable.MaxLength"/>.</summary>
    public const string TooLong = "ITSM-REQ-VAR-005";

    /// <summary>The text does not match the variable's <see cref="TextVariable.Pattern"/>.</summary>
    public const string PatternMismatch = "ITSM-REQ-VAR-006";

    /// <summary>The pattern could not be checked within its time limit; the answer is refused rather than the request left hanging.</summary>
    public const string PatternTimeout = "ITSM-REQ-VAR-007";

    /// <summary>The number is below the variable's <see cref="NumberVariable.Min"/>.</summary>
    public const string BelowMin = "ITSM-REQ-VAR-008";

    /// <summary>The number is above the variable's <see cref="NumberVariable.Max"/>.</summary>
    public const string AboveMax = "ITSM-REQ-VAR-009";

    /// <summary>The number has a fractional part, and the variable takes whole numbers only.</summary>
    public const string NotInteger = "ITSM-REQ-VAR-010";

    /// <summary>An option chosen is not one of the variable's <see cref="ChoiceVariable.Options"/>.</summary>
    public const string UnknownOption = "ITSM-REQ-VAR-011";

    /// <summary>Several options are chosen for a variable that takes one.</summary>
    public const string TooManyOptions = "ITSM-REQ-VAR-012";

    /// <summary>The date is before the variable's <see cref="DateVariable.Min"/>.</summary>
    public const string DateBeforeMin = "ITSM-REQ-VAR-013";

    /// <summary>The date is after the variable's <see cref="DateVariable.Max"/>.</summary>
    public const string DateAfterMax = "ITSM-REQ-VAR-014";

    /// <summary>The reference is not an id of the variable's <see cref="ReferenceVariable.Target"/> (a record id must be a non-empty GUID).</summary>
    public const string BadReference = "ITSM-REQ-VAR-015";
}

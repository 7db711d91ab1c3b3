namespace Itsm.Sla;

/// <summary>The three kinds of agreement ITIL's service level management uses.</summary>
public enum AgreementKind
{
    /// <summary>A service level agreement with a customer, for a service or an offering.</summary>
    ServiceLevelAgreement = 0,

    /// <summary>An operational level agreement with an internal support group.</summary>
    OperationalLevelAgreement = 1,

    /// <summary>An underpinning contract with a supplier.</summary>
    UnderpinningContract = 2,
}

namespace Itsm.Services;

/// <summary>A role a person holds in the service model.</summary>
public enum ServiceRole
{
    /// <summary>Accountable for a service end to end.</summary>
    ServiceOwner = 0,

    /// <summary>Accountable for a practice being fit for purpose.</summary>
    ProcessOwner = 1,

    /// <summary>A member of a support group who does the work.</summary>
    Practitioner = 2,
}

namespace Itsm.Services;

/// <summary>The four dimensions of service management, by which a service's readiness is checked.</summary>
public enum ServiceDimension
{
    /// <summary>Organizations and people: an accountable owner and a staffed support group.</summary>
    OrganizationsAndPeople = 0,

    /// <summary>Information and technology: the configuration items it runs on and the knowledge to support it.</summary>
    InformationAndTechnology = 1,

    /// <summary>Partners and suppliers: an underpinning contract for every external dependency.</summary>
    PartnersAndSuppliers = 2,

    /// <summary>Value streams and processes: the value streams the service takes part in.</summary>
    ValueStreamsAndProcesses = 3,
}

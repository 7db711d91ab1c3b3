namespace Itsm.Requests;

/// <summary>
/// What a <see cref="ReferenceVariable"/> points at. Service-model targets are checked by the engine against
/// the tenant's service model when a request is submitted (like the request's own service and configuration
/// items); record targets must be a record id (a non-empty GUID).
/// </summary>
public enum CatalogReferenceTarget
{
    /// <summary>A configuration item of the service model (<see cref="Services.ConfigurationItemId"/>).</summary>
    ConfigurationItem = 0,

    /// <summary>A service of the service model (<see cref="Services.ServiceId"/>).</summary>
    Service = 1,

    /// <summary>A service offering of the service model (<see cref="Services.ServiceOfferingId"/>).</summary>
    ServiceOffering = 2,

    /// <summary>A support group of the service model (<see cref="Services.SupportGroupId"/>).</summary>
    SupportGroup = 3,

    /// <summary>A supplier of the service model (<see cref="Services.SupplierId"/>).</summary>
    Supplier = 4,

    /// <summary>An incident (<see cref="Common.IncidentId"/>, a GUID).</summary>
    Incident = 5,

    /// <summary>A problem (<see cref="Common.ProblemId"/>, a GUID).</summary>
    Problem = 6,

    /// <summary>A change (<see cref="Common.ChangeId"/>, a GUID).</summary>
    Change = 7,

    /// <summary>A service request (<see cref="Common.ServiceRequestId"/>, a GUID).</summary>
    ServiceRequest = 8,
}

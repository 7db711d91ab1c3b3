namespace Itsm.Services;

/// <summary>Where a service or offering is in its lifecycle (ITIL's service portfolio: pipeline, catalogue, retired).</summary>
public enum ServiceStatus
{
    /// <summary>Being designed or built; not yet offered to customers. The default.</summary>
    Pipeline = 0,

    /// <summary>In the service catalogue and supported.</summary>
    Live = 1,

    /// <summary>No longer offered; terminal.</summary>
    Retired = 2,
}

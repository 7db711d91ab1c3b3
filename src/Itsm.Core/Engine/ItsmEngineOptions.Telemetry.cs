namespace Itsm.Engine;

// What the engine's traces may carry.
public sealed partial record ItsmEngineOptions
{
    /// <summary>
    /// Whether the engine's <c>itsm.command</c> activities carry the tenant id as the tag <c>itsm.tenant</c>.
    /// Off by default: a tenant id often names a customer, and traces leave the process for a collector the
    /// tenants did not agree to. Metrics never carry the tenant, whatever this says (it would make a time
    /// series per tenant).
    /// </summary>
    public bool TraceTenant { get; init; }
}

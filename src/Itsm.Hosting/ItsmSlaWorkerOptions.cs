using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Hosting;

/// <summary>
/// Settings of the <see cref="ItsmSlaWorker"/>: which tenants it serves, as whom it records, how often it
/// looks at the due index, and what it does at escalation thresholds and auto-close instants.
/// Validated once at startup (<see cref="Validate"/>), every problem listed.
/// </summary>
public sealed class ItsmSlaWorkerOptions
{
    /// <summary>The tenants to serve (with <see cref="TenantSource"/>, their union); empty by default.</summary>
    public IList<TenantId> Tenants { get; } = new List<TenantId>();

    /// <summary>
    /// Reads the tenants to serve at every tick (for hosts whose tenants come and go); <see langword="null"/>
    /// (the default) to serve <see cref="Tenants"/> only. A failure is logged and the tick serves <see cref="Tenants"/>.
    /// </summary>
    public Func<CancellationToken, ValueTask<IReadOnlyCollection<TenantId>>>? TenantSource { get; set; }

    /// <summary>
    /// The actor the worker's commands run as (default id <c>itsm-sla-worker</c>, role <c>system</c>). The
    /// engine asks the host's <c>IItsmAuthorizer</c> about every command, so the authorizer must allow this
    /// actor the commands <c>SlaThreshold</c> (incidents and service requests), <c>EscalateHierarchically</c>
    /// and <c>Close</c> (incidents).
    /// </summary>
    public Actor SystemActor { get; set; } = new("itsm-sla-worker", "system");

    /// <summary>
    /// The timer's resolution: the longest the worker sleeps between two looks at the due index (default 1 s).
    /// A threshold is recorded at most this long after its instant (plus the time to handle the records due
    /// before it). Positive, at most one hour.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most due records handled per tenant and look (default 100); when a look fills it, the next look follows at once.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How many times a record that changed under the worker (a <c>ConcurrencyException</c>) is reloaded and tried again within one look (default 5); at least 1.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Whether an incident that reaches an escalation threshold (above 100 %) is also escalated
    /// hierarchically (<c>EscalateIncidentHierarchically</c> to <see cref="EscalationManager"/>), which raises
    /// its escalation level; default <see langword="true"/>. Only where the incident's state permits it
    /// (New, InProgress, OnHold). Service requests have no hierarchical escalation.
    /// </summary>
    public bool EscalateIncidents { get; set; } = true;

    /// <summary>The manager named in the hierarchical escalations the worker records (default <c>duty-manager</c>); the host notifies them from the event feed.</summary>
    public string EscalationManager { get; set; } = "duty-manager";

    /// <summary>
    /// Whether the worker closes resolved incidents whose auto-close instant has passed (the engine's
    /// <c>IncidentOptions.AutoClose</c>; nothing happens without a policy); default <see langword="true"/>.
    /// </summary>
    public bool AutoClose { get; set; } = true;

    /// <summary>This instance's name, recorded on its claims when the store shares due records (default machine name and process id); at most 200 characters.</summary>
    public string InstanceName { get; set; } = Environment.MachineName + ":" + Environment.ProcessId;

    /// <summary>How long a claimed record stays this instance's before another may claim it (default 1 minute); positive.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem with these options, each a sentence naming the setting; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Tenants is null || (Tenants.Count == 0 && TenantSource is null))
        {
            errors.Add("Tenants: name at least one tenant, or set TenantSource.");
        }
        else
        {
            foreach (var tenant in Tenants)
            {
                if (string.IsNullOrWhiteSpace(tenant.Value))
                {
                    errors.Add("Tenants: a tenant is blank.");
                }
            }
        }

        if (SystemActor is null)
        {
            errors.Add("SystemActor: the actor is missing.");
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"PollInterval: {PollInterval} must be positive and at most one hour.");
        }

        if (BatchSize < 1)
        {
            errors.Add($"BatchSize: {BatchSize} must be at least 1.");
        }

        if (MaxAttempts < 1)
        {
            errors.Add($"MaxAttempts: {MaxAttempts} must be at least 1.");
        }

        if (EscalateIncidents && string.IsNullOrWhiteSpace(EscalationManager))
        {
            errors.Add("EscalationManager: name the manager escalations notify, or turn EscalateIncidents off.");
        }

        if (string.IsNullOrWhiteSpace(InstanceName) || InstanceName.Length > 200)
        {
            errors.Add("InstanceName: it must not be blank and at most 200 characters long.");
        }

        if (ClaimLease <= TimeSpan.Zero)
        {
            errors.Add($"ClaimLease: {ClaimLease} must be positive.");
        }

        return errors;
    }
}

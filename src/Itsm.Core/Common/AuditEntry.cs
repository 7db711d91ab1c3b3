using System.Collections.Generic;
using NodaTime;

namespace Itsm.Common;

/// <summary>
/// The record of one accepted command: who did what, when, the state before and after, and the
/// command's data. Every accepted command produces exactly one entry and raises the record's
/// version by one; a refused command produces none.
/// </summary>
/// <param name="Tenant">The tenant of the record.</param>
/// <param name="RecordType">The kind of record, for example <c>"Incident"</c>.</param>
/// <param name="RecordId">The record's id as text.</param>
/// <param name="Version">The record's version after the command (the first command gives version 1).</param>
/// <param name="At">When the command was accepted (from the injected clock).</param>
/// <param name="Actor">Who issued the command.</param>
/// <param name="Command">The command, for example <c>"PutOnHold"</c>.</param>
/// <param name="FromState">The state before the command.</param>
/// <param name="ToState">The state after the command.</param>
/// <param name="Data">The command's data (for example <c>onHoldReason</c>), as text.</param>
/// <remarks>
/// Two entries are equal when every field is, <see cref="Data"/> compared by its pairs (the same keys with the same
/// values, ordinally, in any order) rather than by reference: every read of a store gives new objects (the SQL
/// stores a <see cref="Dictionary{TKey, TValue}"/> for the data, the in-memory store its own), and an entry read
/// twice, or read back after it was published, is the same entry.
/// </remarks>
public sealed record AuditEntry(
    TenantId Tenant,
    string RecordType,
    string RecordId,
    long Version,
    Instant At,
    Actor Actor,
    string Command,
    string FromState,
    string ToState,
    IReadOnlyDictionary<string, string> Data)
{
    /// <summary>
    /// What the command did, as a type (for example <see cref="Itsm.Incidents.IncidentAssigned"/>): read from
    /// <see cref="RecordType"/>, <see cref="Command"/> and <see cref="Data"/> each time it is asked for, so it
    /// always agrees with them. An entry no event type of this version reads is an <see cref="UnrecognizedEvent"/>.
    /// </summary>
    public DomainEvent Event => DomainEvents.Read(RecordType, Command, Data);

    /// <summary>Whether <paramref name="other"/> is the same entry: every field equal, the data compared by its pairs in any order.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(AuditEntry? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Version == other.Version
            && At == other.At
            && Tenant == other.Tenant
            && string.Equals(RecordType, other.RecordType, System.StringComparison.Ordinal)
            && string.Equals(RecordId, other.RecordId, System.StringComparison.Ordinal)
            && string.Equals(Command, other.Command, System.StringComparison.Ordinal)
            && string.Equals(FromState, other.FromState, System.StringComparison.Ordinal)
            && string.Equals(ToState, other.ToState, System.StringComparison.Ordinal)
            && Equals(Actor, other.Actor)
            && SameData(Data, other.Data));

    /// <summary>A hash that agrees with <see cref="Equals(AuditEntry?)"/>: the data's pairs count in any order.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        int data = 0;
        if (Data is not null)
        {
            foreach (var (key, value) in Data)
            {
                data ^= System.HashCode.Combine(System.StringComparer.Ordinal.GetHashCode(key), value is null ? 0 : System.StringComparer.Ordinal.GetHashCode(value));
            }
        }

        return System.HashCode.Combine(Tenant, RecordType, RecordId, Version, At, Command, ToState, data);
    }

    private static bool SameData(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var theirs) || !string.Equals(value, theirs, System.StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <see cref="Data"/> key of <see cref="WorkflowState"/>. No event's data uses it but the workflow events' own (<see cref="Itsm.Workflows.WorkflowTransitioned"/>, <see cref="Itsm.Workflows.WorkflowMigrated"/>), which carry the state they enter.
    /// </summary>
    public const string WorkflowStateKey = "workflowState";

    /// <summary>
    /// The custom state of the record's workflow (<see cref="Itsm.Workflows.Workflow{TState, TCommand}"/>) the command left
    /// the record in, when the command changed it (the creating entry of a record under a workflow always carries it);
    /// <see langword="null"/> when the command kept it, and for every entry of a record without a workflow. Read from
    /// <see cref="Data"/>'s <c>workflowState</c> key, so consumers of the audit log and the feed follow custom states
    /// without the workflow's definition.
    /// </summary>
    public string? WorkflowState => Data is not null && Data.TryGetValue(WorkflowStateKey, out var state) ? state : null;

    internal static IReadOnlyDictionary<string, string> WithWorkflowState(IReadOnlyDictionary<string, string> data, string state) =>
        !data.TryGetValue(WorkflowStateKey, out var present) ? new WorkflowStateAuditData(data, state)
        : present == state ? data
        : throw new System.InvalidOperationException("An event's audit data names another workflow state than the record entered.");
}

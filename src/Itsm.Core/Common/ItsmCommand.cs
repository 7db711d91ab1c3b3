namespace Itsm.Common;

/// <summary>
/// A command to the engine, as a type: what an actor asks a record (or a new record) to do, with its
/// arguments, for example <see cref="Itsm.Incidents.ResolveIncident"/>. The engine authorizes this
/// very object (the authorizer sees it), fingerprints its arguments for idempotency, runs it and
/// audits it, so what was authorized is what ran, by construction. It is the kind of
/// <see cref="ItsmOperation"/> that changes a record.
/// </summary>
/// <remarks>
/// Commands are immutable records compared by value; their arguments are checked when they run
/// (<see cref="System.ArgumentException"/> naming the argument), exactly as the record's method of the
/// same name checks them. Only this library defines command types: a host composes them, it does
/// not derive new ones.
/// </remarks>
public abstract record ItsmCommand : ItsmOperation
{
    private protected ItsmCommand()
    {
    }

    /// <summary>The record type the command applies to, for example <c>"Incident"</c>.</summary>
    public abstract string RecordType { get; }

    /// <summary>The command's name, as its audit entry records it, for example <c>"Resolve"</c>.</summary>
    public abstract override string Name { get; }

    /// <summary>Writes the arguments that make two runs the same command, for idempotency fingerprints.</summary>
    internal abstract void WriteArguments(CommandArguments arguments);

    /// <summary>
    /// Adds the service-model ids the command names (service, offering, configuration items, supplier,
    /// support group, agreements), which the engine checks against the tenant's service model before the
    /// command runs. A command that names none adds nothing (the default).
    /// </summary>
    internal virtual void AddReferences(Itsm.Services.ServiceModelReferences references)
    {
    }
}

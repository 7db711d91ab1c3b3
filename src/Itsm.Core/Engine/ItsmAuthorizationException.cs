using System;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>
/// An operation (a command, a read or a save) was refused by the <see cref="IItsmAuthorizer"/>, or the
/// authorizer failed. Nothing was written and nothing was returned.
/// </summary>
public sealed class ItsmAuthorizationException : EngineException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-AUTH-DENIED-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="actor">Who asked.</param>
    /// <param name="operation">The operation refused.</param>
    /// <param name="resource">What it applied to.</param>
    /// <param name="innerException">The authorizer's own error, when it failed rather than denied.</param>
    public ItsmAuthorizationException(Actor actor, ItsmOperation operation, ItsmResource resource, Exception? innerException = null)
        : base(
            ErrorCode,
            innerException is null
                ? $"'{actor?.Id}' may not run {operation?.Name} on {Describe(resource)}."
                : $"The authorizer failed while checking whether '{actor?.Id}' may run {operation?.Name} on {Describe(resource)}, so the operation was refused.",
            innerException)
    {
        Actor = actor!;
        Operation = operation!;
        Action = operation?.Name!;
        Resource = resource!;
    }

    /// <summary>Who asked.</summary>
    public Actor Actor { get; }

    /// <summary>The operation refused: a command as it would have run, or a read or save (for example <see cref="ReadRecord"/>).</summary>
    public ItsmOperation Operation { get; }

    /// <summary>The refused operation when it is a command, otherwise <see langword="null"/> (a refused read or save).</summary>
    public ItsmCommand? Command => Operation as ItsmCommand;

    /// <summary>The operation's name (<see cref="ItsmOperation.Name"/>), for example <c>"Resolve"</c> or <c>"Read"</c>.</summary>
    public string Action { get; }

    /// <summary>What the operation applied to.</summary>
    public ItsmResource Resource { get; }

    /// <summary>
    /// Whether the authorizer failed (threw) rather than denied; its error is <see cref="Exception.InnerException"/>.
    /// A host maps a denial to 403 and a failure to a server error, though both refuse the operation.
    /// </summary>
    public bool AuthorizerFailed => InnerException is not null;

    // Keeps a command's message as it was ("Incident 'id' of tenant 't'") and names what a read without a
    // record id covers.
    private static string Describe(ItsmResource? resource) => resource switch
    {
        { RecordType: { } type, RecordId: { } id } => $"{type} '{id}' of tenant '{resource.Tenant}'",
        { RecordType: { } type } => $"the {type} records of tenant '{resource.Tenant}'",
        { } => $"tenant '{resource.Tenant}'",
        null => "''",
    };
}

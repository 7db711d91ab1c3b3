using System;
using Itsm.Common;
using Itsm.Persistence;

namespace Itsm.Engine;

/// <summary>A command was refused by the <see cref="IItsmAuthorizer"/> (or the authorizer failed). Nothing was written.</summary>
public sealed class ItsmAuthorizationException : EngineException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-AUTH-DENIED-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="actor">Who issued the command.</param>
    /// <param name="command">The command refused.</param>
    /// <param name="resource">The record.</param>
    /// <param name="innerException">The authorizer's own error, when it failed rather than denied.</param>
    public ItsmAuthorizationException(Actor actor, ItsmCommand command, ItsmResource resource, Exception? innerException = null)
        : base(
            ErrorCode,
            innerException is null
                ? $"'{actor?.Id}' may not run {command?.Name} on {resource?.RecordType} '{resource?.RecordId}' of tenant '{resource?.Tenant}'."
                : $"The authorizer failed while checking whether '{actor?.Id}' may run {command?.Name} on {resource?.RecordType} '{resource?.RecordId}' of tenant '{resource?.Tenant}', so the command was refused.",
            innerException)
    {
        Actor = actor!;
        Command = command!;
        Action = command?.Name!;
        Resource = resource!;
    }

    /// <summary>Who issued the command.</summary>
    public Actor Actor { get; }

    /// <summary>The command refused, as it would have run.</summary>
    public ItsmCommand Command { get; }

    /// <summary>The command's name (<see cref="ItsmCommand.Name"/>), for example <c>"Resolve"</c>.</summary>
    public string Action { get; }

    /// <summary>The record.</summary>
    public ItsmResource Resource { get; }

    /// <summary>
    /// Whether the authorizer failed (threw) rather than denied; its error is <see cref="Exception.InnerException"/>.
    /// A host maps a denial to 403 and a failure to a server error, though both refuse the command.
    /// </summary>
    public bool AuthorizerFailed => InnerException is not null;
}

using System;
using Itsm.Common;
using Itsm.Engine;

namespace Itsm.Samples.WebApi;

/// <summary>A read the sample's rule refuses: reads are not engine commands, so the API checks them itself and answers 403 like a refused command.</summary>
public sealed class ReadForbiddenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actor">Who asked.</param>
    /// <param name="action">What they asked (<see cref="RoleAuthorizer.ReadAction"/> or <see cref="RoleAuthorizer.ListAction"/>).</param>
    /// <param name="resource">The record or record type.</param>
    public ReadForbiddenException(Actor actor, string action, ItsmResource resource)
        : base($"'{actor?.Id}' may not run {action} on {resource?.RecordType} '{resource?.RecordId}' of tenant '{resource?.Tenant}'.")
    {
        Actor = actor!;
        Action = action;
    }

    /// <summary>Who asked.</summary>
    public Actor Actor { get; }

    /// <summary>What they asked.</summary>
    public string Action { get; }
}

using System;
using System.Linq;
using Itsm.Common;
using Microsoft.AspNetCore.Http;

namespace Itsm.Samples.WebApi.Http;

/// <summary>
/// A stand-in for the host's real authentication: the actor comes from the <c>X-Actor</c> header
/// and its roles from <c>X-Actor-Roles</c> (comma-separated). A real host maps its authenticated
/// <c>ClaimsPrincipal</c> (user id and role claims) to an <see cref="Actor"/> here instead; nothing else
/// in the sample changes. Never trust such headers from the internet.
/// </summary>
public static class DemoAuthentication
{
    /// <summary>The header naming the actor.</summary>
    public const string ActorHeader = "X-Actor";

    /// <summary>The header listing the actor's roles.</summary>
    public const string RolesHeader = "X-Actor-Roles";

    /// <summary>The actor of a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="UnauthenticatedException">No <c>X-Actor</c> header.</exception>
    public static Actor ActorOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Headers[ActorHeader].ToString().Trim();
        if (id.Length == 0)
        {
            throw new UnauthenticatedException($"The request names no actor: send the {ActorHeader} header (and {RolesHeader}), the sample's stand-in for real authentication.");
        }

        var roles = request.Headers[RolesHeader].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToArray();
        return new Actor(id, roles);
    }
}

/// <summary>The request carries no identity (HTTP 401).</summary>
public sealed class UnauthenticatedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing.</param>
    public UnauthenticatedException(string message)
        : base(message)
    {
    }
}

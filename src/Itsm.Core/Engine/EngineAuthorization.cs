using System;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;

namespace Itsm.Engine;

/// <summary>Asks the authorizer, failing closed: a denial or any failure of the authorizer refuses the operation.</summary>
internal static class EngineAuthorization
{
    internal static async ValueTask AuthorizeAsync(this IItsmAuthorizer authorizer, Actor actor, ItsmOperation operation, ItsmResource resource, CancellationToken cancellationToken)
    {
        bool allowed;
        try
        {
            allowed = await authorizer.IsAuthorizedAsync(actor, operation, resource, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new ItsmAuthorizationException(actor, operation, resource, ex);
        }

        if (!allowed)
        {
            throw new ItsmAuthorizationException(actor, operation, resource);
        }
    }
}

using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Services;

namespace Itsm.Engine;

/// <summary>Where the engine finds the service model a tenant's commands are checked against.</summary>
internal interface IServiceModelSource
{
    /// <summary>The tenant's service model, or null when it has none (then nothing is checked).</summary>
    ValueTask<ServiceModel?> GetAsync(TenantId tenant, CancellationToken cancellationToken);
}

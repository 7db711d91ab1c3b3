using System.Threading;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Persistence;
using Itsm.Services;

namespace Itsm.Engine;

/// <summary>The one model of <see cref="ItsmEngineOptions.ServiceModel"/>, for every tenant.</summary>
internal sealed class OptionsServiceModelSource(ServiceModel? model) : IServiceModelSource
{
    public ValueTask<ServiceModel?> GetAsync(TenantId tenant, CancellationToken cancellationToken) => new(model);

    public RecordLoad? LoadFor(TenantId tenant) => null;

    public ValueTask<ServiceModel?> FromAsync(TenantId tenant, LoadedRecord loaded, CancellationToken cancellationToken) => new(model);
}

using System.Collections.Generic;
using Itsm.Engine;
using Itsm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Itsm.DependencyInjection;

/// <summary>Validates <see cref="ItsmOptions"/> and the registrations the engine needs, listing every problem at once.</summary>
internal sealed class ItsmOptionsValidator(IServiceProviderIsService services, ItsmRegistration registration) : IValidateOptions<ItsmOptions>
{
    public ValidateOptionsResult Validate(string? name, ItsmOptions options)
    {
        var errors = new List<string>();
        errors.AddRange(options.ToEngineOptions().Validate());
        if (options.Workflows is null)
        {
            errors.Add("Workflows: the workflow catalog is missing; use WorkflowCatalog.Empty for none.");
        }

        if (!services.IsService(typeof(IAggregateStore)))
        {
            errors.Add("Store: no store is chosen. Call UseSqlite(path), UsePostgreSql(connectionString), UseInMemory() or UseStore(...) on the Itsm builder.");
        }

        if (!services.IsService(typeof(IItsmAuthorizer)))
        {
            errors.Add("Authorizer: no IItsmAuthorizer is registered, and the engine fails closed. Call AuthorizeWith(...) on the Itsm builder (or AllowAllActions() in tests and samples).");
        }

        foreach (var check in registration.StoreChecks)
        {
            errors.AddRange(check());
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

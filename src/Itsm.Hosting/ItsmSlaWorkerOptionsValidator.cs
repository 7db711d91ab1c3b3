using Microsoft.Extensions.Options;

namespace Itsm.Hosting;

/// <summary>Validates <see cref="ItsmSlaWorkerOptions"/> at startup, listing every problem.</summary>
internal sealed class ItsmSlaWorkerOptionsValidator : IValidateOptions<ItsmSlaWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, ItsmSlaWorkerOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

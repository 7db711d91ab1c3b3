using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Persistence;
using Microsoft.Extensions.Options;

namespace Itsm.Hosting;

/// <summary>Validates <see cref="ItsmFeedDispatcherOptions"/> and the registered handlers, listing every problem at once.</summary>
internal sealed class ItsmFeedDispatcherOptionsValidator(IEnumerable<IItsmEventHandler> handlers) : IValidateOptions<ItsmFeedDispatcherOptions>
{
    private const string Prefix = "Feed dispatcher: ";

    public ValidateOptionsResult Validate(string? name, ItsmFeedDispatcherOptions options)
    {
        var errors = new List<string>();
        if (options.Tenants.Count == 0 && options.TenantSource is null)
        {
            errors.Add(Prefix + "no tenant to serve. Add tenants to Tenants, or set TenantSource, in AddFeedDispatcher(...).");
        }

        if (options.Tenants.Any(t => t.Value is null))
        {
            errors.Add(Prefix + "Tenants holds default(TenantId); every tenant needs an id.");
        }

        CheckInterval(errors, nameof(options.TenantRefreshInterval), options.TenantRefreshInterval);
        CheckInterval(errors, nameof(options.PollInterval), options.PollInterval);
        CheckInterval(errors, nameof(options.InitialBackoff), options.InitialBackoff);
        CheckInterval(errors, nameof(options.MaxBackoff), options.MaxBackoff);
        if (options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add(Prefix + $"MaxBackoff ({options.MaxBackoff}) is shorter than InitialBackoff ({options.InitialBackoff}).");
        }

        if (options.BatchSize is < 1 or > StoreArguments.MaxFeedRead)
        {
            errors.Add(Prefix + string.Create(CultureInfo.InvariantCulture, $"BatchSize is {options.BatchSize}; it must be 1 to {StoreArguments.MaxFeedRead}."));
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add(Prefix + string.Create(CultureInfo.InvariantCulture, $"MaxAttempts is {options.MaxAttempts}; it must be 1 or more."));
        }

        CheckHandlers(errors, handlers.ToList());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckInterval(List<string> errors, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > ItsmFeedDispatcherOptions.MaxInterval)
        {
            errors.Add(Prefix + $"{property} is {value}; it must be positive and at most one day.");
        }
    }

    private static void CheckHandlers(List<string> errors, List<IItsmEventHandler> registered)
    {
        if (registered.Count == 0)
        {
            errors.Add(Prefix + "no IItsmEventHandler is registered. Call AddFeedHandler(...) on the Itsm builder.");
        }

        foreach (var handler in registered)
        {
            string? consumer = handler.Name;
            if (string.IsNullOrWhiteSpace(consumer))
            {
                errors.Add(Prefix + $"handler {handler.GetType().FullName} has a blank Name; the name keys its checkpoint.");
            }
            else if (consumer.Length > StoreArguments.MaxConsumerLength)
            {
                errors.Add(Prefix + string.Create(CultureInfo.InvariantCulture, $"handler {handler.GetType().FullName} has a Name longer than {StoreArguments.MaxConsumerLength} characters."));
            }
        }

        foreach (var duplicate in registered
            .Select(h => h.Name)
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .GroupBy(n => n, StringComparer.Ordinal)
            .Where(g => g.Count() > 1))
        {
            errors.Add(Prefix + $"{duplicate.Count()} handlers are named '{duplicate.Key}'; names key checkpoints, so each must be unique.");
        }
    }
}

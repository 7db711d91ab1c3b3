using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using P = Itsm.Services.Practices;

namespace Itsm.Services;

/// <summary>One step of a value stream: what is done, the value chain activity it belongs to, and the practices that perform it.</summary>
public sealed record ValueStreamStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="name">A non-blank name, unique within its stream (compared ignoring case).</param>
    /// <param name="activity">The service value chain activity the step is part of.</param>
    /// <param name="practices">The names of the practices that perform it (at least one).</param>
    /// <exception cref="ArgumentException">The name is blank, the activity is not defined, or no practice is named, or a practice name is null or blank.</exception>
    public ValueStreamStep(string name, ValueChainActivity activity, params string[] practices)
    {
        Name = Names.Required(name, nameof(name));
        Activity = Enum.IsDefined(activity) ? activity : throw new ArgumentOutOfRangeException(nameof(activity), activity, "Not a value chain activity.");
        if (practices is null || practices.Length == 0)
        {
            throw new ArgumentException("A step needs at least one practice that performs it.", nameof(practices));
        }

        if (practices.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A practice name is null or blank.", nameof(practices));
        }

        Practices = practices.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>The value chain activity it is part of.</summary>
    public ValueChainActivity Activity { get; }

    /// <summary>The practices that perform it, in the order given, without duplicates.</summary>
    public IReadOnlyList<string> Practices { get; }
}

using System;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>
/// The id of a configuration item on a ticket: the id of a <see cref="ConfigurationItem"/>, as <see cref="ConfigurationItem.Id"/> holds it in the <see cref="ServiceModel"/>.
/// Typed, so a ticket's service, offering, configuration items, supplier and group cannot be mixed up.
/// </summary>
/// <remarks><c>default(ConfigurationItemId)</c> has a null <see cref="Value"/> and is refused wherever an id is required.</remarks>
public readonly record struct ConfigurationItemId
{
    /// <summary>Creates the id.</summary>
    /// <param name="value">A non-blank id of at most <see cref="FieldLimits.Id"/> characters, valid as <see cref="IdText"/> says.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, blank, too long, or holds an unpaired surrogate or a control character.</exception>
    public ConfigurationItemId(string value)
    {
        FieldCheck.Required(value, FieldLimits.Id, nameof(value));
        IdText.Check(value, nameof(value));
        Value = value;
    }

    /// <summary>The id.</summary>
    public string Value { get; }

    /// <summary>The id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Value ?? string.Empty;
}

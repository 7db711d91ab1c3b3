using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using NodaTime;

namespace Itsm.Routing;

/// <summary>
/// One layer of an <see cref="OnCallSchedule"/>: a named <see cref="Rotation"/>, optionally restricted to windows of
/// local time. Layers stack: where a higher layer has someone, it overrides the layers below it.
/// </summary>
public sealed class RotaLayer
{
    private readonly RotaRestriction[] _restrictions;

    /// <summary>Creates a layer.</summary>
    /// <param name="name">The layer's name, unique in its schedule (for example <c>"weekday-days"</c>).</param>
    /// <param name="rotation">Who takes turns, and when they hand off.</param>
    /// <param name="restrictions">The windows of local time (in the rotation's zone) the layer covers; null or empty for all the time.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank or too long, or there are more than <see cref="FieldLimits.Items"/> restrictions.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="rotation"/> is null.</exception>
    public RotaLayer(string name, Rotation rotation, IEnumerable<RotaRestriction>? restrictions = null)
    {
        Name = Names.Required(name, nameof(name));
        Rotation = rotation ?? throw new ArgumentNullException(nameof(rotation));
        _restrictions = restrictions?.ToArray() ?? [];
        FieldCheck.Count(_restrictions, FieldLimits.Items, nameof(restrictions));
    }

    /// <summary>The layer's name.</summary>
    public string Name { get; }

    /// <summary>The layer's rotation.</summary>
    public Rotation Rotation { get; }

    /// <summary>The windows the layer covers; empty for all the time.</summary>
    public IReadOnlyList<RotaRestriction> Restrictions => _restrictions;

    /// <summary>Whether the layer covers <paramref name="instant"/>: it has no restrictions, or the instant's local time is inside one.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when covered.</returns>
    public bool Covers(Instant instant)
    {
        if (_restrictions.Length == 0)
        {
            return true;
        }

        var local = instant.InZone(Rotation.Zone).LocalDateTime;
        foreach (var restriction in _restrictions)
        {
            if (restriction.Contains(local))
            {
                return true;
            }
        }

        return false;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Routing;

/// <summary>
/// A support group's on-call schedule: layers of rotations and overrides (PagerDuty's schedule, Opsgenie's and
/// Jira Service Management's on-call schedule). Answers who is on call at an instant, and the schedule over an interval.
/// </summary>
/// <remarks>
/// <para>
/// At an instant: the last override listed whose interval contains it wins; else the highest layer (the last one
/// listed) that covers the instant (<see cref="RotaLayer.Covers"/>) and has had its first handoff; else nobody.
/// </para>
/// <para>Immutable and thread-safe. <see cref="OnCallAt"/> costs O(layers + overrides), however far the instant is from the rotations' starts.</para>
/// </remarks>
public sealed partial class OnCallSchedule
{
    private readonly RotaLayer[] _layers;
    private readonly RotaOverride[] _overrides;

    /// <summary>Creates a schedule.</summary>
    /// <param name="group">The support group it is for.</param>
    /// <param name="layers">The layers, lowest first: a later layer overrides earlier ones wherever it has someone.</param>
    /// <param name="overrides">The overrides; null for none. Where two overlap, the later one listed wins.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="group"/> is <c>default</c>; or <paramref name="layers"/> is empty, holds a null layer or two layers
    /// of the same name, or <paramref name="overrides"/> holds a null override, or either holds more than
    /// <see cref="FieldLimits.LinkedRecords"/> items (the message lists every problem, naming the first parameter at fault).
    /// </exception>
    public OnCallSchedule(SupportGroupId group, IEnumerable<RotaLayer> layers, IEnumerable<RotaOverride>? overrides = null)
    {
        if (group.Value is null)
        {
            throw new ArgumentException("The group is required.", nameof(group));
        }

        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers.ToArray();
        _overrides = overrides?.ToArray() ?? [];
        var layerErrors = new List<string>();
        if (_layers.Length == 0)
        {
            layerErrors.Add("there is no layer");
        }

        DefinitionList.Check(_layers, "layer", static l => l.Name, layerErrors);
        var overrideErrors = new List<string>();
        DefinitionList.Check(_overrides, "override", null, overrideErrors);

        if (layerErrors.Count + overrideErrors.Count > 0)
        {
            throw new ArgumentException(
                ErrorList.Format(string.Create(CultureInfo.InvariantCulture, $"The on-call schedule of '{Itsm.Text.QuotedText.Of(group.Value)}'"), [.. layerErrors, .. overrideErrors]),
                layerErrors.Count > 0 ? nameof(layers) : nameof(overrides));
        }

        Group = group;
    }

    /// <summary>The support group the schedule is for.</summary>
    public SupportGroupId Group { get; }

    /// <summary>The layers, lowest first.</summary>
    public IReadOnlyList<RotaLayer> Layers => _layers;

    /// <summary>The overrides, in the order given (a later one wins where they overlap).</summary>
    public IReadOnlyList<RotaOverride> Overrides => _overrides;

    /// <summary>Who is on call at <paramref name="instant"/>, and why.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The answer; its <see cref="OnCallAnswer.Person"/> is null when nobody is.</returns>
    public OnCallAnswer OnCallAt(Instant instant)
    {
        for (int i = _overrides.Length - 1; i >= 0; i--)
        {
            if (_overrides[i].Interval.Contains(instant))
            {
                return new OnCallAnswer(instant, _overrides[i].Person, null, -1, _overrides[i]);
            }
        }

        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            if (layer.Covers(instant))
            {
                long index = layer.Rotation.IndexAt(instant);
                if (index >= 0)
                {
                    return new OnCallAnswer(instant, layer.Rotation.ParticipantOf(index), layer.Name, index, null);
                }
            }
        }

        return new OnCallAnswer(instant, null, null, -1, null);
    }
}

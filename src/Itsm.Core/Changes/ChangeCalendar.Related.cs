using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Services;
using NodaTime;

namespace Itsm.Changes;

// The change calendar's view of the service model: changes on related configuration items conflict.
public sealed partial class ChangeCalendar
{
    /// <summary>The service model whose CI relationships relate changes, or <see langword="null"/> (the default: none).</summary>
    public ServiceModel? ServiceModel => _model;

    /// <summary>How many relationship hops apart two changes' configuration items may be and still conflict; 0 without a model.</summary>
    public int RelatedDepth => _relatedDepth;

    /// <summary>
    /// This calendar, in which two changes with overlapping windows also conflict when a configuration
    /// item one touches is related to one the other touches within <paramref name="relatedDepth"/> hops
    /// of <paramref name="model"/>'s relationships (any type, either direction).
    /// </summary>
    /// <param name="model">The service model.</param>
    /// <param name="relatedDepth">The hops; 1 (directly related items) by default; 0 for shared items only, as without a model.</param>
    /// <returns>A new calendar with the same changes, blackouts and maintenance windows.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is null or <paramref name="relatedDepth"/> is negative.</exception>
    public ChangeCalendar WithServiceModel(ServiceModel model, int relatedDepth = 1)
    {
        Guard.Against.Null(model);
        Guard.Against.Negative(relatedDepth);
        return new ChangeCalendar(this, model, relatedDepth);
    }

    // Changes not already in conflict that touch an item related to the candidate's within the depth.
    private void AddRelated(ScheduledChange candidate, Instant start, Instant end, Dictionary<ChangeId, (ScheduledChange Change, List<string> Items)>? direct, List<ScheduleConflict> conflicts)
    {
        var related = new Dictionary<ChangeId, (ScheduledChange Change, List<string> Items)>();
        foreach (var item in RelatedItems(candidate))
        {
            if (!_byItem.TryGetValue("ci:" + item, out var index))
            {
                continue;
            }

            index.ForEachOverlap(start, end, candidate.Id, other =>
            {
                if (direct?.ContainsKey(other.Id) != true)
                {
                    if (!related.TryGetValue(other.Id, out var entry))
                    {
                        related[other.Id] = entry = (other, []);
                    }

                    entry.Items.Add("ci:" + item);
                }
            });
        }

        AddChangeConflicts(related, ScheduleConflictKind.RelatedChange, $", related within {_relatedDepth} hop(s) to an item this change touches, in an overlapping window.", conflicts);
    }

    // The items related to the candidate's within the depth, the candidate's own left out (they are shared, not related).
    private IEnumerable<string> RelatedItems(ScheduledChange candidate)
    {
        if (_model is null || _relatedDepth == 0 || candidate.ConfigurationItems.Count == 0)
        {
            return [];
        }

        var own = new HashSet<string>(candidate.ConfigurationItems, StringComparer.Ordinal);
        return _model.RelatedWithin(candidate.ConfigurationItems, _relatedDepth).Where(i => !own.Contains(i));
    }
}

using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Changes;

/// <summary>
/// The change success rate KPI: of the closed changes (those with a review outcome), the share that
/// succeeded (<see cref="ChangeReviewOutcome.Successful"/> or <see cref="ChangeReviewOutcome.SuccessfulWithIssues"/>)
/// and caused no incident. A change that caused an incident counts as unsuccessful whatever its outcome.
/// </summary>
/// <param name="Reviewed">The closed changes counted.</param>
/// <param name="Successful">Those that succeeded and caused no incident.</param>
public sealed record ChangeSuccessRate(int Reviewed, int Successful)
{
    /// <summary><see cref="Successful"/> / <see cref="Reviewed"/>, or <see langword="null"/> when no change was reviewed.</summary>
    public double? Rate => Reviewed == 0 ? null : (double)Successful / Reviewed;

    /// <summary>Computes the rate over <paramref name="changes"/>; changes without an outcome (not closed) are left out.</summary>
    /// <param name="changes">The changes (for example those closed in a period).</param>
    /// <param name="causedIncidents">The ids of changes that caused an incident (the host knows the links), or <see langword="null"/> for none.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="changes"/> is null or holds a null change.</exception>
    public static ChangeSuccessRate Of(IEnumerable<Change> changes, IEnumerable<ChangeId>? causedIncidents = null)
    {
        Guard.Against.Null(changes);
        var caused = new HashSet<ChangeId>(causedIncidents ?? []);
        int reviewed = 0, successful = 0;
        foreach (var change in changes)
        {
            if (change is null)
            {
                throw new System.ArgumentException("A change is null.", nameof(changes));
            }

            if (change.Outcome is not { } outcome)
            {
                continue;
            }

            reviewed++;
            if (outcome is ChangeReviewOutcome.Successful or ChangeReviewOutcome.SuccessfulWithIssues && !caused.Contains(change.Id))
            {
                successful++;
            }
        }

        return new ChangeSuccessRate(reviewed, successful);
    }
}

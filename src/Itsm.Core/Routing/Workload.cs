using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Itsm.Common;

namespace Itsm.Routing;

/// <summary>
/// Open-ticket counts per person, for <see cref="AgentSelector.LeastLoaded"/>. Immutable: <see cref="WithAssigned"/>
/// and <see cref="WithReleased"/> return a new workload, so a host that routes a batch keeps the counts current
/// between choices without reading its store again.
/// </summary>
/// <remarks>
/// A host builds it from whatever it already queries: a count per assignee it keeps
/// (<see cref="Workload(IEnumerable{KeyValuePair{string, int}})"/>), or the <c>AssignedTo</c> of its open tickets
/// (<see cref="FromAssignees"/>). A person it does not name has no open tickets.
/// </remarks>
public sealed class Workload
{
    private readonly ImmutableDictionary<string, int> _counts;

    /// <summary>Creates a workload from counts per person.</summary>
    /// <param name="openTickets">Each person's open-ticket count.</param>
    /// <exception cref="ArgumentNullException"><paramref name="openTickets"/> is null.</exception>
    /// <exception cref="ArgumentException">A person id is blank or too long, a person appears twice, or a count is negative.</exception>
    public Workload(IEnumerable<KeyValuePair<string, int>> openTickets)
    {
        ArgumentNullException.ThrowIfNull(openTickets);
        var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var (person, count) in openTickets)
        {
            Names.Required(person, nameof(openTickets));
            if (count < 0)
            {
                throw new ArgumentException($"The count of '{Itsm.Text.QuotedText.Of(person)}' is negative.", nameof(openTickets));
            }

            if (!builder.TryAdd(person, count))
            {
                throw new ArgumentException($"'{Itsm.Text.QuotedText.Of(person)}' appears twice.", nameof(openTickets));
            }
        }

        _counts = builder.ToImmutable();
    }

    private Workload(ImmutableDictionary<string, int> counts) => _counts = counts;

    /// <summary>Nobody has an open ticket.</summary>
    public static Workload Empty { get; } = new(ImmutableDictionary.Create<string, int>(StringComparer.Ordinal));

    /// <summary>Counts the open tickets of each assignee.</summary>
    /// <param name="assignees">The <c>AssignedTo</c> of each open ticket; null entries (unassigned tickets) are skipped.</param>
    /// <returns>The workload.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assignees"/> is null.</exception>
    /// <exception cref="ArgumentException">An assignee is blank or too long.</exception>
    public static Workload FromAssignees(IEnumerable<string?> assignees)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var assignee in assignees)
        {
            if (assignee is not null)
            {
                Names.Required(assignee, nameof(assignees));
                builder[assignee] = builder.GetValueOrDefault(assignee) + 1;
            }
        }

        return new Workload(builder.ToImmutable());
    }

    /// <summary>The open-ticket count of a person; 0 for one the workload does not name.</summary>
    /// <param name="person">The person's id.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="person"/> is null.</exception>
    public int OpenTickets(string person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return _counts.GetValueOrDefault(person);
    }

    /// <summary>The workload after <paramref name="person"/> got one more ticket.</summary>
    /// <param name="person">The person's id.</param>
    /// <returns>The new workload.</returns>
    /// <exception cref="ArgumentException"><paramref name="person"/> is blank or too long.</exception>
    public Workload WithAssigned(string person)
    {
        Names.Required(person, nameof(person));
        return new Workload(_counts.SetItem(person, _counts.GetValueOrDefault(person) + 1));
    }

    /// <summary>The workload after one of <paramref name="person"/>'s tickets was resolved or reassigned; a count never goes below 0.</summary>
    /// <param name="person">The person's id.</param>
    /// <returns>The new workload.</returns>
    /// <exception cref="ArgumentException"><paramref name="person"/> is blank or too long.</exception>
    public Workload WithReleased(string person)
    {
        Names.Required(person, nameof(person));
        int count = _counts.GetValueOrDefault(person);
        return count <= 1 ? new Workload(_counts.Remove(person)) : new Workload(_counts.SetItem(person, count - 1));
    }
}

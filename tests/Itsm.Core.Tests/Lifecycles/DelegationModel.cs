using System.Collections.Generic;
using System.Linq;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary>The lifecycle models' reading of approval delegations (docs/approvals.md), written from the docs.</summary>
public static class DelegationModel
{
    /// <summary>Whom <paramref name="person"/>'s decision ends at, following each approver's delegation (skipping <paramref name="skipFrom"/>'s).</summary>
    public static string Resolve(IReadOnlyList<(string From, string To)> delegations, string person, string? skipFrom)
    {
        string current = person;
        for (int i = 0; i <= delegations.Count; i++)
        {
            var next = delegations.FirstOrDefault(d => d.From == current && d.From != skipFrom);
            if (next.To is null)
            {
                return current;
            }

            current = next.To;
        }

        return current;
    }
}

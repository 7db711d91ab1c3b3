using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Incidents;

/// <summary>The argument check every operation on several incidents makes before it changes anything.</summary>
internal static class IncidentBatch
{
    /// <summary>The incidents as an array, or an <see cref="ArgumentException"/> naming <paramref name="paramName"/> when one is null, does not belong, or is listed twice.</summary>
    internal static Incident[] Checked(IEnumerable<Incident> incidents, Func<Incident, bool> belongs, string notBelonging, string paramName)
    {
        var list = incidents.ToArray();
        var seen = new HashSet<Common.IncidentId>();
        foreach (var incident in list)
        {
            if (incident is null || !belongs(incident))
            {
                throw new ArgumentException(notBelonging, paramName);
            }

            if (!seen.Add(incident.Id))
            {
                throw new ArgumentException($"Incident {incident.Id} is listed more than once.", paramName);
            }
        }

        return list;
    }
}

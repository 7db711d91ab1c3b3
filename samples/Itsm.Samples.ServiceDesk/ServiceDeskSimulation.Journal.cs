using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Incidents;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

// The journal (docs/journal.md): on about one incident in four, the resolver notes what they found (a work
// note the caller never reads), tells the caller (a comment) and logs the time it took, before resolving.
public sealed partial class ServiceDeskSimulation
{
    private int _workNotes, _comments;
    private Duration _timeWorked;

    private async Task JournalAsync(IncidentId id, Actor resolver)
    {
        // Chosen from the id, not the random stream, so runs with and without the journal stay comparable.
        int pick = id.Value.GetHashCode() & 0xFF;
        if (pick % 4 != 0)
        {
            return;
        }

        var worked = Duration.FromMinutes(15 * (1 + (pick / 4 % 6)));
        await IncidentCommandAsync(id, resolver, new AddIncidentWorkNote("Found the cause in the service logs; applying the fix.")).ConfigureAwait(false);
        await IncidentCommandAsync(id, resolver, new AddIncidentComment("We found the cause and are applying the fix now.")).ConfigureAwait(false);
        await IncidentCommandAsync(id, resolver, new LogIncidentTime(worked, "Diagnosis and fix.")).ConfigureAwait(false);
        _workNotes++;
        _comments++;
        _timeWorked += worked;
    }
}

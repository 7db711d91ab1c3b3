using System.IO;
using System.Text;
using NodaTime;

namespace Itsm.Samples.Import.Tests;

/// <summary>The log's own KPIs, on files small enough to count by hand.</summary>
public sealed class LogFiguresTests
{
    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ServiceNow_figures_come_from_the_rows_ordered_by_update_and_the_exports_own_counters()
    {
        var csv = Csv("""
            number,incident_state,reopen_count,sys_mod_count,opened_at,sys_updated_at,resolved_at
            INC1,Resolved,1,3,1/3/2016 08:00,1/3/2016 12:00,1/3/2016 12:00
            INC1,New,0,0,1/3/2016 08:00,1/3/2016 08:00,?
            INC1,Resolved,0,1,1/3/2016 08:00,1/3/2016 09:00,1/3/2016 09:00
            INC1,Active,1,2,1/3/2016 08:00,1/3/2016 10:00,
            INC2,Closed,0,1,2016-03-02 08:00:00,2016-03-02 10:00:00,2016-03-02 10:00:00
            INC3,Awaiting Vendor,0,0,2/3/2016 08:00,2/3/2016 09:00,?
            """);

        var figures = LogFigures.Read("servicenow-incident-csv", csv, DateTimeZone.Utc);

        Assert.Equal(new LogFigures(3, 2, 1, (4.0 + 2.0) / 2, 1), figures);
        Assert.Equal(0.5, figures.ReopenRate);
    }

    [Fact]
    public void BPIC_figures_read_the_status_changes()
    {
        var csv = Csv("""
            SR Number,Change Date+Time,Status,Sub Status
            A,2010-03-31T10:00:00+01:00,Accepted,In Progress
            A,2010-03-31T12:00:00+01:00,Completed,Resolved
            A,2010-03-31T13:00:00+01:00,Completed,Closed
            A,2010-03-31T14:00:00+01:00,Accepted,In Progress
            A,2010-03-31T16:00:00+01:00,Completed,In Call
            B,2010-04-01T10:00:00+01:00,Queued,Awaiting Assignment
            B,2010-04-01T11:00:00+01:00,Unmatched,Unmatched
            C,2010-04-02T10:00:00+01:00,Accepted,In Progress
            C,2010-04-02T11:00:00+01:00,Completed,In Call
            """);

        var figures = LogFigures.Read("bpic2013", csv, DateTimeZone.Utc);

        // A: resolved twice, last at 16:00 (6 h), reopened; B: open; C: resolved in 1 h.
        Assert.Equal(new LogFigures(3, 2, 1, 3.5, 1), figures);
    }
}

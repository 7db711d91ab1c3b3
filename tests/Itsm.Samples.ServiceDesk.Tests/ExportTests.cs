using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Itsm.Common;
using Itsm.Improvement;
using NodaTime;

namespace Itsm.Samples.ServiceDesk.Tests;

[Collection(StoryCollection.Name)]
public sealed class ExportTests(StoryRun run)
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // The page is XHTML-syntax HTML: once its doctype is set aside, an XML parser must accept it.
    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        return XDocument.Parse(html["<!DOCTYPE html>\n".Length..]);
    }

    [Fact]
    public void The_html_report_is_well_formed_and_self_contained_with_three_charts()
    {
        string html = ReportHtml.ToHtml(run.Report);
        var doc = Parse(html);

        // Nothing loaded from elsewhere: no script, no external reference of any kind.
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain(doc.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" or "srcset" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);

        var charts = doc.Descendants(Svg + "svg").ToList();
        Assert.Equal(3, charts.Count);
        // Backlog: one bar per simulated day, each with the day's count in its tooltip.
        var backlogBars = charts[0].Descendants(Svg + "rect").ToList();
        Assert.Equal(run.Report.Backlog.Count, backlogBars.Count);
        Assert.Equal(run.Report.Backlog.Select(b => $"{b.Date:MM-dd}: {b.OpenIncidents}"), backlogBars.Select(r => r.Element(Svg + "title")!.Value));
        // SLA compliance: one bar per week with ended clocks; MTTR: one per priority with a value.
        Assert.Equal(run.Report.WeeklyCompliance.Count(w => w.Rate is not null), charts[1].Descendants(Svg + "rect").Count());
        Assert.Equal(run.Report.Kpis.ByPriority.Count(p => p.Value[KpiId.MeanTimeToResolve].Value is not null), charts[2].Descendants(Svg + "rect").Count());

        // The story's tables are there, with the KPI units.
        var captions = doc.Descendants(Xhtml + "caption").Select(c => c.Value).ToList();
        Assert.Contains("Problems and known errors", captions);
        Assert.Contains("Improvement register", captions);
        Assert.Contains(doc.Descendants(Xhtml + "td"), td => td.Value.EndsWith(" business h", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_string_in_the_html_report_is_encoded()
    {
        const string Hostile = "<script>alert('x')</script> & \"quoted\"";
        var report = run.Report with
        {
            Tenant = new TenantId(Hostile),
            TopBreaches = [new SlaBreach("Incident", "00000001-0000-0000-0000-000000000000", Hostile, new Priority(1), "SLA", "Resolution", Duration.FromHours(4), Duration.FromHours(1), false)],
        };

        string html = ReportHtml.ToHtml(report);
        var doc = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(doc.Descendants(Xhtml + "td"), td => td.Value == Hostile);
        Assert.Contains(Hostile, doc.Descendants(Xhtml + "h1").Single().Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("out/report.html", ExportFormat.Html)]
    [InlineData("out/REPORT.HTM", ExportFormat.Html)]
    [InlineData("out/summary.md", ExportFormat.MarkdownFile)]
    [InlineData("out", ExportFormat.MarkdownDirectory)]
    public void The_export_format_follows_the_extension(string path, ExportFormat expected) =>
        Assert.Equal(expected, ReportExport.FormatOf(path));

    [Fact]
    public void Each_format_writes_its_files()
    {
        using var folder = new TempDatabase();
        string dir = Path.GetDirectoryName(folder.Path)!;

        var html = ReportExport.Write(run.Report, Path.Combine(dir, "a", "report.html"));
        var md = ReportExport.Write(run.Report, Path.Combine(dir, "b", "summary.md"));
        var both = ReportExport.Write(run.Report, Path.Combine(dir, "c"));

        Assert.Equal([Path.Combine(dir, "a", "report.html")], html);
        Assert.Contains("<svg", File.ReadAllText(html[0]), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir, "b", "summary.md"), md[0]);
        Assert.Contains("## Problems, changes and improvement", File.ReadAllText(md[0]), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "b", "lifecycles", "problem.md")));
        Assert.Contains(ServiceDeskWorkflows.PeerReview, File.ReadAllText(Path.Combine(dir, "b", "lifecycles", "workflow-change-normal.md")), StringComparison.Ordinal);
        Assert.Contains(ServiceDeskWorkflows.AwaitingChange, File.ReadAllText(Path.Combine(dir, "b", "lifecycles", "workflow-incident.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "c", "report.md")));
        Assert.Equal(md.Count, both.Count);
    }

    [Theory]
    [InlineData("/proc/itsm-no-such-dir/report.html")]
    [InlineData("/proc/itsm-no-such-dir")]
    public void An_unwritable_export_path_is_reported_before_the_run(string path)
    {
        var error = ReportExport.CheckWritable(path);

        Assert.NotNull(error);
        Assert.StartsWith($"--export '{path}' cannot be written: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overall_kpis_show_their_units()
    {
        var table = ReportTables.OverallKpis(run.Report);
        string Value(KpiId kpi) => table.Rows.Single(r => r[0] == kpi.ToString())[1];

        Assert.Matches(@"^\d+\.\d h$", Value(KpiId.MeanTimeToResolve));
        Assert.Matches(@"^\d+\.\d business h$", Value(KpiId.MeanBusinessTimeToResolve));
        Assert.Matches(@"^\d+\.\d h$", Value(KpiId.BacklogMeanAge));
        Assert.Matches(@"^\d+\.\d %$", Value(KpiId.SlaCompliance));
        Assert.Matches(@"^\d+$", Value(KpiId.IncidentsOpened));
    }
}

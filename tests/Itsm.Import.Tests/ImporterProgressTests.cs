using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Itsm.Testing;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests;

public sealed class ImporterProgressTests
{
    [Fact]
    public async Task Progress_ReportsReadingImportingAndDone_WithFinalFigures()
    {
        var test = ItsmTestEngine.Create();
        var reports = new List<ImportProgress>();
        var importer = new IncidentHistoryImporter(test.Engine, ImportMapping.ServiceNowIncidentCsv, new IncidentHistoryImportOptions { BatchSize = 2 });

        using var input = Open("servicenow-malformed.csv");
        await importer.ImportAsync(Tenant, Importer, input, new SynchronousProgress(reports.Add));

        Assert.Equal(ImportPhase.Reading, reports[0].Phase);
        Assert.Contains(reports, r => r.Phase == ImportPhase.Importing);
        Assert.Equal(new ImportProgress(ImportPhase.Done, 11, 6, 6, 1, 0, 5), reports[^1]);
    }

    [Fact]
    public async Task Cancellation_StopsTheImport()
    {
        var test = ItsmTestEngine.Create();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var importer = new IncidentHistoryImporter(test.Engine, ImportMapping.ServiceNowIncidentCsv);

        using var input = Open("servicenow-lifecycle.csv");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(Tenant, Importer, input, cancellationToken: cancel.Token));

        Assert.Empty(await test.Store.QueryAsync(Tenant, new Itsm.Persistence.RecordQuery()));
    }

    [Fact]
    public void BatchSize_OutOfRange_IsRefused()
    {
        var test = ItsmTestEngine.Create();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IncidentHistoryImporter(test.Engine, ImportMapping.Bpic2013, new IncidentHistoryImportOptions { BatchSize = 0 }));

        Assert.Equal("options", error.ParamName);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

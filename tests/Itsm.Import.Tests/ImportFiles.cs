using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Itsm.Common;
using Itsm.Engine;

namespace Itsm.Import.Tests;

/// <summary>The hand-made files of Data/ and a short way to import them.</summary>
internal static class ImportFiles
{
    internal static readonly TenantId Tenant = new("acme");
    internal static readonly Actor Importer = new("importer");

    internal static Stream Open(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", name));

    internal static Stream FromText(string csv) => new MemoryStream(Encoding.UTF8.GetBytes(csv));

    internal static async Task<ImportReport> ImportAsync(ItsmEngine engine, ImportMapping mapping, string file, IncidentHistoryImportOptions? options = null)
    {
        using var input = Open(file);
        return await new IncidentHistoryImporter(engine, mapping, options).ImportAsync(Tenant, Importer, input);
    }

    internal static IncidentId IdOf(string key, ImportMapping? mapping = null) =>
        IncidentHistoryImporter.IncidentIdFor(Tenant, (mapping ?? ImportMapping.ServiceNowIncidentCsv).Name, key);
}

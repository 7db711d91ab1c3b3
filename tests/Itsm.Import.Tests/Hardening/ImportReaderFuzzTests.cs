using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Testing;
using Itsm.Tests.Hardening;
using static Itsm.Import.Tests.ImportFiles;

namespace Itsm.Import.Tests.Hardening;

/// <summary>
/// <see cref="ImportMapping.FromJson"/>, <see cref="ImportMapping.Load"/> and the CSV history reader under damaged
/// input: a mapping reads or is refused with <see cref="ImportMappingException"/> naming its parameter and a bounded
/// message; a CSV file imports (bad rows refused in the report) or fails with <see cref="InvalidDataException"/>.
/// </summary>
public sealed class ImportReaderFuzzTests
{
    private static readonly string[] Mappings = [Resource("servicenow-incident-csv.json"), Resource("bpic2013.json")];

    [Property]
    public Property MappingText_ReadsOrIsRefusedWithImportMappingException() =>
        Prop.ForAll(HostileText.Json(Mappings), d => HostileText.ReadsOrRefuses<ImportMappingException>(() => ImportMapping.FromJson(d.Text), "json"));

    [Property]
    public Property MappingStream_ReadsOrIsRefusedWithImportMappingException() =>
        Prop.ForAll(HostileText.Json(Mappings), Gen.Choose(0, int.MaxValue).ToArbitrary(), (d, seed) =>
        {
            var bytes = Encoding.UTF8.GetBytes(d.Text);
            if (seed % 2 == 0 && bytes.Length > 0)
            {
                bytes[seed % bytes.Length] ^= (byte)(1 << (seed % 8));
            }

            return HostileText.ReadsOrRefuses<ImportMappingException>(() => ImportMapping.Load(new MemoryStream(bytes)), "utf8Json");
        });

    [Property]
    public Property AnAcceptedMapping_ReadsTheSameTwice() =>
        Prop.ForAll(HostileText.Json(Mappings), d =>
        {
            ImportMapping first;
            try
            {
                first = ImportMapping.FromJson(d.Text);
            }
            catch (ImportMappingException)
            {
                return true;
            }

            var second = ImportMapping.FromJson(d.Text);
            return (first.Name, first.Description, first.Lifecycle) == (second.Name, second.Description, second.Lifecycle)
                && first.RequiredColumns.SequenceEqual(second.RequiredColumns);
        });

    [Property(MaxTest = 40)]
    public Property DamagedCsv_ImportsOrFailsWithInvalidDataException() =>
        Prop.ForAll(HostileText.Text(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "servicenow-malformed.csv"))), d =>
        {
            var test = ItsmTestEngine.Create();
            try
            {
                var report = new IncidentHistoryImporter(test.Engine, ImportMapping.ServiceNowIncidentCsv).ImportAsync(Tenant, Importer, FromText(d.Text)).GetAwaiter().GetResult();
                return report.Refusals.All(r => r.Message.Length <= HostileText.MaxMessage);
            }
            catch (InvalidDataException e)
            {
                return e.Message.Length <= HostileText.MaxMessage;
            }
        });

    [Fact]
    public void AHugeMalformedMappingFile_IsRefusedWithAShortMessage()
    {
        foreach (var damaged in HostileText.HugeMalformed(Mappings[0]))
        {
            var fromText = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(damaged.Text));
            var loaded = Assert.Throws<ImportMappingException>(() => ImportMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(damaged.Text))));

            Assert.True(fromText.Message.Length <= HostileText.MaxSingleMessage, $"{damaged.Kind}: {HostileText.Describe(fromText)}");
            Assert.True(loaded.Message.Length <= HostileText.MaxSingleMessage, $"{damaged.Kind} (stream): {HostileText.Describe(loaded)}");
        }
    }

    [Fact]
    public async Task AHugeMalformedCsvFile_FailsOrRefusesRowsWithShortMessages()
    {
        var huge = new string('x', HostileText.LongString);
        var header = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "servicenow-malformed.csv")).First();
        var columns = header.Split(',').Length;
        var files = new[]
        {
            header + "\n\"" + huge + "\n" + string.Join(",", Enumerable.Repeat(huge, columns)),
            header + "\n" + string.Join(",", Enumerable.Repeat("\"" + huge + "\"x\"", columns)),
            header + "\n" + string.Join(",", Enumerable.Repeat(huge, columns)) + "\n",
        };

        foreach (var csv in files)
        {
            var test = ItsmTestEngine.Create();
            try
            {
                var report = await new IncidentHistoryImporter(test.Engine, ImportMapping.ServiceNowIncidentCsv).ImportAsync(Tenant, Importer, FromText(csv));
                Assert.All(report.Refusals, r => Assert.InRange(r.Message.Length, 1, HostileText.MaxSingleMessage));
            }
            catch (InvalidDataException e)
            {
                Assert.InRange(e.Message.Length, 1, HostileText.MaxSingleMessage);
            }
        }
    }

    [Fact]
    public void ARawUnpairedSurrogate_IsRefusedAsAMappingProblem()
    {
        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(Mappings[0].Replace("servicenow-incident-csv\"", "servicenow\uD800\"", StringComparison.Ordinal)));

        Assert.Equal("json", e.ParamName);
        Assert.StartsWith("$: ", Assert.Single(e.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void AMegabyteBadValue_MakesAShortMessage()
    {
        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(Mappings[0].Replace("\"UTC\"", "\"" + new string('x', 1 << 20) + "\"", StringComparison.Ordinal)));

        Assert.InRange(e.Message.Length, 1, 2_000);
    }

    [Fact]
    public void AMegabytePropertyName_MakesAShortMessage()
    {
        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(Mappings[0].Insert(Mappings[0].IndexOf('{', StringComparison.Ordinal) + 1, "\"" + new string('k', 1 << 20) + "\": 1,")));

        Assert.StartsWith("$: unknown property 'kkk", Assert.Single(e.Errors), StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 2_000);
    }

    [Fact]
    public void AMappingWithAThousandProblems_ListsTwentyAndCountsTheRest()
    {
        var unknown = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"\"x{i}\": 1, "));

        var e = Assert.Throws<ImportMappingException>(() => ImportMapping.FromJson(Mappings[0].Insert(Mappings[0].IndexOf('{', StringComparison.Ordinal) + 1, unknown)));

        Assert.Equal(1_000, e.Errors.Count);
        Assert.EndsWith("- and 980 more. (Parameter 'json')", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Message.Length, 1, 10_000);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ImportMapping).Assembly.GetManifestResourceStream("Itsm.Import.Mappings." + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

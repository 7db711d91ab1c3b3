using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Itsm.Diagnostics;
using Itsm.Persistence.PostgreSql;
using Xunit;

namespace Itsm.Hosting.Tests.Diagnostics;

/// <summary>docs/observability.md names every activity, instrument (with its unit) and tag the code emits, and nothing else.</summary>
[Collection(Itsm.Tests.Telemetry.TelemetryCollection.Name)]
public sealed class ObservabilityDocTests
{
    private static readonly string[] Names = [ItsmTelemetry.EngineName, ItsmTelemetry.PersistenceName, ItsmTelemetry.HostingName];

    // The types that hold the names: the engine's, a store's (one source compiled into every store), the hosting ones.
    private static readonly Type[] TelemetryTypes =
    [
        Internal(typeof(ItsmTelemetry).Assembly, "Itsm.Diagnostics.EngineTelemetry"),
        Internal(typeof(PostgreSqlAggregateStore).Assembly, "Itsm.Diagnostics.StoreTelemetry"),
        typeof(SlaMetrics),
        typeof(FeedMetrics),
    ];

    [Fact]
    public void The_documented_instruments_and_units_are_those_the_code_creates()
    {
        var created = new List<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (Names.Contains(instrument.Meter.Name))
                {
                    lock (created)
                    {
                        created.Add($"{instrument.Name} {instrument.Unit}");
                    }
                }
            };
            foreach (var type in TelemetryTypes)
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }

            using var feed = new FeedMetrics(null);
            listener.Start();
        }

        var documented = Rows("Metrics").Select(row => $"{Code(row[0])} {Code(row[3])}");
        Assert.Equal(Sorted(documented), Sorted(created.Distinct()));
    }

    [Fact]
    public void The_documented_activities_are_those_the_code_starts()
    {
        var engine = TelemetryTypes[0];
        var store = TelemetryTypes[1];
        var prefix = (string)Field(store, "ActivityPrefix");
        var inCode = ((string[])Field(store, "Operations")).Select(op => prefix + op).Append((string)Field(engine, "CommandActivity"));

        Assert.Equal(Sorted(inCode), Sorted(Rows("Activities").Select(row => Code(row[0]))));
    }

    [Fact]
    public void The_documented_tags_are_those_the_code_sets()
    {
        var inCode = TelemetryTypes
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.IsLiteral && f.Name.EndsWith("Tag", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct();

        Assert.Equal(Sorted(inCode), Sorted(Rows("Tags").Select(row => Code(row[0]))));
    }

    [Fact]
    public void The_documented_store_operations_are_those_the_code_measures()
    {
        var operations = (string[])Field(TelemetryTypes[1], "Operations");
        var documented = Rows("Tags").Single(row => Code(row[0]) == "db.operation.name")[1]
            .Split(',').Select(v => Code(v.Trim()));

        Assert.Equal(Sorted(operations), Sorted(documented));
    }

    private static Type Internal(Assembly assembly, string name) =>
        assembly.GetType(name, throwOnError: true)!;

    private static object Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.OrderBy(v => v, StringComparer.Ordinal)];

    private static string Code(string cell)
    {
        var text = cell.Trim();
        var start = text.IndexOf('`', StringComparison.Ordinal);
        var end = text.IndexOf('`', start + 1);
        Assert.True(start >= 0 && end > start, $"'{cell}' names nothing in backticks.");
        return text[(start + 1)..end];
    }

    /// <summary>The body rows of the first table under the heading <c>## {section}</c>, as cells.</summary>
    private static List<string[]> Rows(string section)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "observability.md"));
        var start = Array.IndexOf(lines, "## " + section);
        Assert.True(start >= 0, $"docs/observability.md has no section '{section}'.");
        var table = lines.Skip(start + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Skip(2) // header and separator
            .Select(l => l.Trim().Trim('|').Split(" | "))
            .ToList();
        Assert.NotEmpty(table);
        return table;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Itsm.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Itsm.Core.sln.");
    }
}

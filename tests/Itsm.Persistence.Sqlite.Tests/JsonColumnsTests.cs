using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck.Xunit;

namespace Itsm.Persistence.Sqlite.Tests;

/// <summary>
/// The audit table's JSON columns are written with one writer and buffer per thread, and the roles of the last
/// actor are remembered: whatever came before (other roles, other data, a value the writer refused), each column
/// must be the text a new writer writes, as it was before the reuse.
/// </summary>
public sealed class JsonColumnsTests
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Property(MaxTest = 300)]
    public bool Each_column_is_what_a_new_writer_writes_whatever_was_written_before(string?[]?[] roleLists, string?[]?[] dataLists)
    {
        var count = Math.Max(roleLists.Length, dataLists.Length);
        for (var i = 0; i < count; i++)
        {
            // Each list twice in a row: the second time the remembered roles answer.
            var roles = Roles(roleLists, i);
            var data = Data(dataLists, i);
            for (var again = 0; again < 2; again++)
            {
                if (Outcome(() => JsonColumns.WriteRoles(roles)) != Outcome(() => Fresh(w => WriteArray(w, roles)))
                    || Outcome(() => JsonColumns.WriteData(data)) != Outcome(() => Fresh(w => WriteObject(w, data))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Fact]
    public void Roles_equal_to_the_last_ones_in_another_list_are_written_alike_and_different_roles_are_not_taken_for_them()
    {
        Assert.Equal("[\"itil\"]", JsonColumns.WriteRoles(new List<string> { "itil" }));
        Assert.Equal("[\"itil\"]", JsonColumns.WriteRoles(["itil"]));
        Assert.Equal("[\"itil\",\"admin\"]", JsonColumns.WriteRoles(["itil", "admin"]));
        Assert.Equal("[\"admin\"]", JsonColumns.WriteRoles(["admin"]));
        Assert.Equal("[]", JsonColumns.WriteRoles([]));
        Assert.Equal("{\"group\":\"L2 \\\"ops\\\"\",\"note\":null}", JsonColumns.WriteData(new Dictionary<string, string> { ["group"] = "L2 \"ops\"", ["note"] = null! }));
    }

    [Fact]
    public void A_column_the_writer_refuses_halfway_leaves_the_next_column_whole()
    {
        // A null key stops the writer inside the object; the next column must not carry what it had written.
        Assert.ThrowsAny<ArgumentException>(() => JsonColumns.WriteData(new Pairs(Pair("group", "L1"), Pair(null!, "x"))));
        Assert.Equal("{\"group\":\"L2\"}", JsonColumns.WriteData(new Pairs(Pair("group", "L2"))));
        Assert.Equal("[\"itil\"]", JsonColumns.WriteRoles(["itil"]));
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    private static List<string> Roles(string?[]?[] lists, int i) =>
        i < lists.Length && lists[i] is { } roles ? roles.Select(r => r ?? string.Empty).ToList() : [];

    // Keys and values alternate in a list; a null value stays null (written as JSON null).
    private static Dictionary<string, string> Data(string?[]?[] lists, int i)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < lists.Length && lists[i] is { } items)
        {
            for (var k = 0; k + 1 < items.Length; k += 2)
            {
                data.TryAdd(items[k] ?? string.Empty, items[k + 1]!);
            }
        }

        return data;
    }

    private static string Outcome(Func<string> write)
    {
        try
        {
            return "json:" + write();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return "refused:" + e.GetType().Name;
        }
    }

    private static string Fresh(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteArray(Utf8JsonWriter writer, List<string> roles)
    {
        writer.WriteStartArray();
        foreach (var role in roles)
        {
            writer.WriteStringValue(role);
        }

        writer.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, Dictionary<string, string> data)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in data)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Data as a caller's own dictionary may hand it over, null key included.</summary>
    private sealed class Pairs(params KeyValuePair<string, string>[] items) : IReadOnlyDictionary<string, string>
    {
        public int Count => items.Length;

        public IEnumerable<string> Keys => items.Select(p => p.Key);

        public IEnumerable<string> Values => items.Select(p => p.Value);

        public string this[string key] => items.First(p => p.Key == key).Value;

        public bool ContainsKey(string key) => items.Any(p => p.Key == key);

        public bool TryGetValue(string key, out string value)
        {
            value = ContainsKey(key) ? this[key] : null!;
            return ContainsKey(key);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

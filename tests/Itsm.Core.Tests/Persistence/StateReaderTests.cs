using System;
using System.Linq;
using System.Text.Json;
using Itsm.Changes;
using Itsm.Incidents;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The state reader without a DOM (<see cref="StateDocument"/>): escapes, duplicate properties, types at
/// nested paths, syntax, trailing content and depth, as the codecs see them through <see cref="StateJson.Read{T}"/>.
/// </summary>
public sealed class StateReaderTests
{
    private static T Read<T>(string json, Func<StateReader, T> read) => StateJson.Read("Test", json, read);

    private static string Refused(string json, Action<StateReader> read) =>
        Assert.Throws<JsonException>(() => Read(json, r =>
        {
            read(r);
            return 0;
        })).Message;

    [Fact]
    public void Escaped_names_and_values_read_as_their_unescaped_text()
    {
        const string json = """
            {"v":1,"\u0073tate":"On\u0048old","qu\"ote":"a\"b\\c\/d\u00e9\ud83d\ude00\n","at":"2026-11-30T09:00:00.5\u005a",
             "id":"\u0035f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10","n\u00e9":"\u00e9t\u00e9","o":{"\u0078":[ "\u0079" ]}}
            """;

        var (state, quote, at, id, accented, nested) = Read(json, r => (
            r.Enum<IncidentState>("state"),
            r.String("qu\"ote"),
            r.Instant("at"),
            r.Guid("id"),
            r.String("né"),
            r.Object("o").Strings("x")));

        Assert.Equal(IncidentState.OnHold, state);
        Assert.Equal("a\"b\\c/dé😀\n", quote);
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 0) + Duration.FromMilliseconds(500), at);
        Assert.Equal(new Guid("5f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10"), id);
        Assert.Equal("été", accented);
        Assert.Equal(["y"], nested);
    }

    [Fact]
    public void An_escaped_value_that_is_not_a_name_is_quoted_unescaped_in_the_error()
    {
        Assert.Equal(
            "Test state: 'state' 'On\"Hold' is not a IncidentState name.",
            Refused("""{"v":1,"state":"On\"Hold"}""", r => r.Enum<IncidentState>("state")));
    }

    [Theory]
    [InlineData("""{"v":1,"o":{"a":"x\udc00y"}}""", "Test state: 'o.a' is not valid text (Cannot read invalid UTF-16 JSON text as string. Invalid surrogate value: '0xDC00'.).")]
    [InlineData("""{"v":1,"o":{"\ud800":1}}""", "Test state: the text is not valid JSON (a property name is not valid text (Cannot read incomplete UTF-16 JSON text as string")]
    public void An_escaped_lone_surrogate_is_refused_as_damaged_text_naming_where_it_is(string json, string message)
    {
        Assert.StartsWith(message, Refused(json, r => r.Object("o").String("a")), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Duplicates => new()
    {
        { """{"v":1,"a":1,"a":2}""", "Test state: 'a' appears more than once." },
        { """{"v":1,"v":1}""", "Test state: 'v' appears more than once." },
        { """{"v":1,"a":1,"\u0061":2}""", "Test state: 'a' appears more than once." },
        { """{"v":1,"o":{"b":1,"c":null,"b":2}}""", "Test state: 'o.b' appears more than once." },
        { """{"v":1,"xs":[{"c":1},{"c":1,"c":1}]}""", "Test state: 'xs[1].c' appears more than once." },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void A_property_given_twice_is_refused_naming_its_path(string json, string message)
    {
        Assert.Equal(message, Refused(json, r =>
        {
            if (!json.Contains("xs", StringComparison.Ordinal))
            {
                r.Object("o");
                return;
            }

            foreach (var item in r.Items("xs"))
            {
                item.AsObject().Int("c");
            }
        }));
    }

    [Fact]
    public void An_incident_with_a_field_given_twice_is_refused()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var codec = new IncidentCodec(IncidentOptions.Default);
        var incident = Incidents.IncidentFixtures.Open(clock);
        string json = codec.Serialize(incident).Replace("{\"v\":1,", "{\"v\":1,\"state\":\"Closed\",", StringComparison.Ordinal);

        var e = Assert.Throws<JsonException>(() => codec.Deserialize(incident.Tenant, incident.Id.ToString(), incident.Version, json, clock));

        Assert.Equal("Incident state: 'state' appears more than once.", e.Message);
    }

    public static TheoryData<string, string> WrongTypes => new()
    {
        { """{"n":1.5}""", "'o.xs[0].n' must be an integer." },
        { """{"n":2147483648}""", "'o.xs[0].n' must be an integer." },
        { """{"n":-2147483649}""", "'o.xs[0].n' must be an integer." },
        { """{"n":1e2}""", "'o.xs[0].n' must be an integer." },
        { """{"n":"1"}""", "'o.xs[0].n' must be an integer." },
        { """{"d":"1.5"}""", "'o.xs[0].d' must be a decimal number or null." },
        { """{"t":"2026-11-30T25:00:00Z"}""", "'o.xs[0].t' is not an instant in the extended ISO pattern ('2026-11-30T25:00:00Z')." },
        { """{"t":1}""", "'o.xs[0].t' must be an instant (an extended ISO string) or null." },
        { """{"g":"00000000-0000-0000-0000-000000000000"}""", "'o.xs[0].g' must be an id (a non-empty GUID string) or null." },
        { """{"b":0}""", "'o.xs[0].b' must be true, false or null." },
        { """{"s":[]}""", "'o.xs[0].s' must be a string." },
        { """{"s":"  "}""", "'o.xs[0].s' must not be blank." },
        { """{"m":{"k":1}}""", "'o.xs[0].m.k' must be a string, once." },
        { """{"a":{}}""", "'o.xs[0].a' must be an array." },
        { """{"a":[1]}""", "'o.xs[0].a[0]' must be a string." },
        { """{"x":[]}""", "'o.xs[0].x' must be an object or null." },
        { """{}""", "'o.xs[0].n' is missing." },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_wrong_type_at_a_nested_path_is_refused_naming_the_path(string item, string message)
    {
        string json = """{"v":1,"o":{"xs":[""" + item + "]}}";

        string refused = Refused(json, r =>
        {
            var x = r.Object("o").Items("xs")[0].AsObject();
            string field = item.Length > 2 ? item[2..item.IndexOf('"', 2)] : "n";
            _ = field switch
            {
                "n" => x.Int("n"),
                "d" => x.NullableDecimal("d"),
                "t" => x.NullableInstant("t"),
                "g" => x.NullableGuid("g"),
                "b" => x.NullableBool("b"),
                "s" => x.String("s"),
                "m" => x.StringMap("m"),
                "a" => x.Strings("a"),
                _ => (object?)x.NullableObject("x"),
            };
        });

        Assert.Equal("Test state: " + message, refused);
    }

    [Fact]
    public void An_item_that_must_be_an_object_is_named_by_its_index()
    {
        Assert.Equal("Test state: 'xs[1]' must be an object.", Refused("""{"v":1,"xs":[{},3]}""", r => r.Items("xs").Select(i => i.AsObject()).ToList()));
    }

    public static TheoryData<string, string> NotDocuments => new()
    {
        { "", "not valid JSON" },
        { "{", "not valid JSON" },
        { """{"v":1} x""", "not valid JSON" },
        { """{"v":1}{}""", "not valid JSON" },
        { """{"v":1},""", "not valid JSON" },
        { """{"v":1,}""", "not valid JSON" },
        { """{"v":1} // note""", "not valid JSON" },
        { """{"v":1,"a":[1,}""", "not valid JSON" },
        { "[1, 2", "not valid JSON" },
        { "[1, 2]", "the document must be a JSON object, not Array." },
        { "\"text\"", "the document must be a JSON object, not String." },
        { "null", "the document must be a JSON object, not Null." },
        { "1", "the document must be a JSON object, not Number." },
    };

    [Theory]
    [MemberData(nameof(NotDocuments))]
    public void Text_that_is_not_one_JSON_object_is_refused(string json, string message)
    {
        string refused = Refused(json, _ => { });

        Assert.StartsWith("Test state: ", refused, StringComparison.Ordinal);
        Assert.Contains(message, refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_around_the_document_is_allowed()
    {
        Assert.Equal(1, Read(" \r\n\t{ \"v\" : 1 , \"a\" : 1 }\n ", r => r.Int("a")));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100_000)]
    public void Nesting_deeper_than_64_is_refused_without_exhausting_the_stack(int depth)
    {
        string json = "{\"v\":1,\"a\":" + new string('[', depth) + new string(']', depth) + "}";

        string refused = Refused(json, r => r.Items("a"));

        Assert.Contains("not valid JSON", refused, StringComparison.Ordinal);
        Assert.Contains("depth", refused, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Objects_nested_within_the_limit_are_read_at_any_depth()
    {
        const int depth = 62;
        string json = "{\"v\":1," + string.Concat(Enumerable.Repeat("\"o\":{", depth)) + "\"leaf\":\"x\"" + new string('}', depth) + "}";

        string leaf = Read(json, r =>
        {
            for (int i = 0; i < depth; i++)
            {
                r = r.Object("o");
            }

            return r.String("leaf");
        });

        Assert.Equal("x", leaf);
    }

    [Fact]
    public void Fields_read_in_any_order_and_more_than_once_give_the_same_values()
    {
        const string json = """{"v":1,"a":"1","b":{"c":2,"d":[3]},"e":null}""";

        var values = Read(json, r => (r.NullableString("e"), r.Object("b").Int("c"), r.String("a"), r.Object("b").Items("d").Count, r.Object("b").Int("c"), r.OptionalString("missing"), r.OptionalString("a")));

        Assert.Equal(((string?)null, 2, "1", 1, 2, (string?)null, "1"), values);
    }

    [Fact]
    public void Fields_of_an_item_that_is_not_an_object_cannot_be_read()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read("""{"v":1,"xs":["a"]}""", r => r.Items("xs")[0].String("x")));

        Assert.Equal("Test state: 'xs[0]' is a String, not an object; its fields cannot be read.", e.Message);
    }

    [Fact]
    public void A_reader_kept_after_its_read_is_refused()
    {
        var kept = Read("""{"v":1,"a":"x"}""", r => r);
        Read("""{"v":1,"a":"y"}""", r => r.String("a"));

        Assert.Throws<InvalidOperationException>(() => kept.String("a"));
    }

    [Fact]
    public void A_document_read_while_another_is_being_read_leaves_the_first_intact()
    {
        var (inner, outer) = Read("""{"v":1,"a":"outer","o":{"b":"still"}}""", r =>
        {
            string inside = Read("""{"v":1,"a":"inner","o":{"b":"other"}}""", i => i.Object("o").String("b"));
            return (inside, r.String("a") + " " + r.Object("o").String("b"));
        });

        Assert.Equal(("other", "outer still"), (inner, outer));
    }

    [Fact]
    public void A_document_written_while_another_is_being_written_leaves_the_first_intact()
    {
        string? inner = null;
        string outer = StateJson.Write(w =>
        {
            w.WriteString("a", "x");
            inner = StateJson.Write(i => i.WriteString("b", "y"));
            w.WriteString("c", "z");
        });

        Assert.Equal("""{"v":1,"a":"x","c":"z"}""", outer);
        Assert.Equal("""{"v":1,"b":"y"}""", inner);
    }

    [Fact]
    public void A_write_that_fails_halfway_leaves_the_next_write_clean()
    {
        Assert.Throws<InvalidOperationException>(() => StateJson.Write(w =>
        {
            w.WriteStartArray("a");
            throw new InvalidOperationException("stop");
        }));

        Assert.Equal("""{"v":1,"b":true}""", StateJson.Write(w => w.WriteBoolean("b", true)));
    }

    [Fact]
    public void Enums_instants_and_ids_are_written_as_before()
    {
        var at = Instant.FromUtc(2026, 11, 30, 9, 0) + Duration.FromNanoseconds(120);
        string json = StateJson.Write(w =>
        {
            w.WriteEnum("risk", ChangeRisk.Moderate);
            w.WriteEnum("undeclared", (ChangeRisk)42);
            w.WriteEnum("none", (ChangeRisk?)null);
            w.WriteInstant("at", at);
            w.WriteInstant("never", (Instant?)null);
            w.WriteGuid("id", new Guid("5F0C8A9E-3C1B-4C57-9A55-0D4D1B6F2A10"));
            w.WriteStrings("xs", ["a\"", "é"]);
        });

        Assert.Equal(
            """{"v":1,"risk":"Moderate","undeclared":"42","none":null,"at":"2026-11-30T09:00:00.00000012Z","never":null,"id":"5f0c8a9e-3c1b-4c57-9a55-0d4d1b6f2a10","xs":["a\"","é"]}""",
            json);
    }
}

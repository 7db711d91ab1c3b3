using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Engine;
using Itsm.Persistence;
using NodaTime;

namespace Itsm.Core.Tests.Common;

/// <summary>
/// <see cref="IdText"/>: ids that not every store can keep apart (unpaired surrogates, NUL, control
/// characters) are refused where they enter, naming the parameter; everything else stays legal.
/// </summary>
public sealed class IdTextTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // xunit serialises theory arguments as UTF-8, which would turn a lone surrogate into U+FFFD before the
    // test ran: the theories take a case name and look the text up here.
    private static readonly System.Collections.Generic.Dictionary<string, (string Value, int Index)> RefusedCases = new()
    {
        ["lone high D800"] = ("\uD800", 0),
        ["lone high DBFF"] = ("\uDBFF", 0),
        ["high at the end"] = ("ab\uD800", 2),
        ["high before a letter"] = ("a\uD800b", 1),
        ["high before a pair"] = ("\uD800\uD800\uDC00", 0),
        ["lone low DC00"] = ("\uDC00", 0),
        ["lone low DFFF"] = ("a\uDFFFb", 1),
        ["pair reversed"] = ("\uDC00\uD800", 0),
        ["NUL"] = ("\0", 0),
        ["NUL at the end"] = ("tenant\0", 6),
        ["C0 U+0001"] = ("a\u0001b", 1),
        ["tab"] = ("a\tb", 1),
        ["line feed"] = ("a\nb", 1),
        ["carriage return"] = ("a\rb", 1),
        ["C0 U+001F"] = ("a\u001Fb", 1),
        ["DEL"] = ("a\u007Fb", 1),
        ["C1 U+0080"] = ("a\u0080b", 1),
        ["C1 NEL"] = ("a\u0085b", 1),
        ["C1 U+009F"] = ("a\u009Fb", 1),
    };

    /// <summary>The names of the refused cases: one example of each refused class.</summary>
    public static TheoryData<string> Refused()
    {
        var data = new TheoryData<string>();
        foreach (var name in RefusedCases.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Legal ids, some of them unusual.</summary>
    public static TheoryData<string> Legal() => new()
    {
        "acme",
        "😀",                      // a surrogate pair
        "a😀b\U0010FFFF",
        "\uFFFD",                  // the replacement character itself
        "e\u0301",                 // a combining mark
        "\u00e9",
        "ß",
        "שלום",                    // right to left
        "\u200Fשלום",             // with a right-to-left mark (a format character, not a control)
        "\u4E2D\u6587",
        "Service Desk",            // spaces inside
        "a\u00A0b",                // no-break space
        "\u2028",                  // line separator: whitespace, not a control character
        " padded ",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_refuses_unpaired_surrogates_NUL_and_control_characters_naming_the_parameter_and_the_index(string name)
    {
        var (value, index) = RefusedCases[name];
        Assert.False(IdText.IsValid(value));
        Assert.Equal(index, IdText.IndexOfInvalid(value));
        var error = Assert.Throws<ArgumentException>(() => IdText.Check(value, "someId"));
        Assert.Equal("someId", error.ParamName);
        Assert.Contains("at index " + index, error.Message, StringComparison.Ordinal);
        Assert.Equal(-1, IdText.IndexOfInvalid(error.Message[..error.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]));
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public void Check_accepts_paired_surrogates_the_replacement_character_any_script_marks_and_spaces(string value)
    {
        Assert.True(IdText.IsValid(value));
        Assert.Equal(-1, IdText.IndexOfInvalid(value));
        Assert.Same(value, IdText.Check(value, "someId"));
    }

    [Fact]
    public void Check_names_the_argument_expression_by_default_and_refuses_null()
    {
        var tenantKey = "\uD800";
        Assert.Equal("tenantKey", Assert.Throws<ArgumentException>(() => IdText.Check(tenantKey)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => IdText.Check(null!, "x")).ParamName);
        Assert.False(IdText.IsValid(null));
        Assert.Throws<ArgumentNullException>(() => IdText.IndexOfInvalid(null!));
    }

    [Fact]
    public void Messages_say_what_is_wrong_and_quote_a_bounded_escaped_excerpt()
    {
        var longId = new string('x', 10_000) + "\uD800";
        var error = Assert.Throws<ArgumentException>(() => IdText.Check(longId, "id"));
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Contains("unpaired high surrogate", error.Message, StringComparison.Ordinal);
        Assert.Contains("U+D800", error.Message, StringComparison.Ordinal);
        Assert.Contains("index 10000", error.Message, StringComparison.Ordinal);

        Assert.Contains("unpaired low surrogate", Assert.Throws<ArgumentException>(() => IdText.Check("\uDC00", "id")).Message, StringComparison.Ordinal);
        Assert.Contains("U+0000 (NUL)", Assert.Throws<ArgumentException>(() => IdText.Check("a\0", "id")).Message, StringComparison.Ordinal);
        var control = Assert.Throws<ArgumentException>(() => IdText.Check("a\u0085", "id"));
        Assert.Contains("control character (U+0085)", control.Message, StringComparison.Ordinal);
        Assert.Contains("a\\u0085", control.Message, StringComparison.Ordinal);

        // An excerpt cut inside a surrogate pair drops the half rather than quoting a lone surrogate.
        var pairAtTheCut = new string('x', 31) + "😀" + "\0";
        Assert.Equal(-1, IdText.IndexOfInvalid(Assert.Throws<ArgumentException>(() => IdText.Check(pairAtTheCut, "id")).Message));
    }

    /// <summary>Any string the checker accepts round-trips through strict UTF-8 unchanged; any it refuses does not, or holds a control character.</summary>
    /// <returns>The property.</returns>
    [Property(MaxTest = 2000)]
    public Property Accepted_strings_round_trip_through_UTF8_and_refused_ones_do_not_or_hold_a_control_character()
    {
        // Plain strings rarely hold surrogates: mix in lone and paired ones, controls and the replacement character.
        var awkward = Gen.Elements(
            "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "\uFFFD", "\0", "\u0001", "\u007F", "\u0085", "\t", "e\u0301", "ß", "א");
        var piece = Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<char>().Select(c => c.ToString())),
            (2, awkward));
        var text = Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(piece, n)).Select(string.Concat);
        return Prop.ForAll(
            Gen.OneOf(text, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)).ToArbitrary(),
            value =>
            {
                if (IdText.IsValid(value))
                {
                    Assert.Equal(value, StrictUtf8.GetString(StrictUtf8.GetBytes(value)));
                    Assert.DoesNotContain(value, c => char.IsControl(c));
                }
                else
                {
                    Assert.True(!RoundTrips(value) || value.Any(char.IsControl), $"refused but harmless: {string.Join(" ", value.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}");
                }
            });
    }

    /// <summary>
    /// The index <see cref="IdText.IndexOfInvalid"/> gives is a plain scan's, character by character: its vectorized
    /// search over printable ASCII hands over at the right place whatever comes before (long ASCII runs, then a
    /// surrogate, a pair cut at the end, a control character or other text).
    /// </summary>
    /// <returns>The property.</returns>
    [Property(MaxTest = 3000)]
    public Property The_index_of_the_first_invalid_character_is_a_plain_scans()
    {
        var ascii = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c), n)).Select(c => new string(c));
        var awkward = Gen.Elements(
            "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "\uFFFD", "\0", "\u0001", "\u001F", "\u007F", "\u0080", "\u009F", "\u00A0", "é", "א");
        var piece = Gen.Frequency((3, ascii), (2, awkward));
        var text = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(piece, n)).Select(string.Concat);
        return Prop.ForAll(text.ToArbitrary(), value => Assert.Equal(PlainScan(value), IdText.IndexOfInvalid(value)));
    }

    private static int PlainScan(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]) || char.IsControl(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool RoundTrips(string value)
    {
        try
        {
            return string.Equals(value, StrictUtf8.GetString(StrictUtf8.GetBytes(value)), StringComparison.Ordinal);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    // Where ids enter.

    [Theory]
    [MemberData(nameof(Refused))]
    public void Every_entry_point_of_an_id_refuses_it_naming_its_parameter(string name)
    {
        var bad = RefusedCases[name].Value;
        var tenant = new TenantId("acme");
        var index = new RecordIndex("New", true, null, null, null, Instant.FromUnixTimeSeconds(0), null);
        var entry = new AuditEntry(tenant, "Incident", "INC-1", 1, Instant.FromUnixTimeSeconds(0), new Actor("agent"), "Open", "New", "New", new System.Collections.Generic.Dictionary<string, string>());

        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new TenantId(bad)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => new Actor(bad, "itil")).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => new IdempotencyKey(bad, "fp")).ParamName);
        Assert.Equal("fingerprint", Assert.ThrowsAny<ArgumentException>(() => new IdempotencyKey("k", bad)).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => IdempotencyKey.For(bad, "Incident", "INC-1", "Open", string.Empty)).ParamName);
        Assert.Equal("IdempotencyKey", Assert.ThrowsAny<ArgumentException>(() => new CommandOptions { IdempotencyKey = bad }).ParamName);
        Assert.Equal("recordType", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckKey(tenant, bad, "INC-1")).ParamName);
        Assert.Equal("recordId", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckKey(tenant, "Incident", bad)).ParamName);
        Assert.Equal("key", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckIdempotencyKey(bad)).ParamName);
        Assert.Equal("query.RecordType", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckQuery(new RecordQuery { RecordType = bad })).ParamName);
        Assert.Equal("query.State", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckQuery(new RecordQuery { State = bad })).ParamName);
        Assert.Equal("query.Service", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckQuery(new RecordQuery { Service = bad })).ParamName);
        Assert.Equal("query.AssignmentGroup", Assert.ThrowsAny<ArgumentException>(() => StoreArguments.CheckQuery(new RecordQuery { AssignmentGroup = bad })).ParamName);
        Assert.Equal("recordType", Assert.ThrowsAny<ArgumentException>(() => new AggregateWrite(tenant, bad, "INC-1", 0, "{}", index, [entry with { RecordType = bad }])).ParamName);
        Assert.Equal("recordId", Assert.ThrowsAny<ArgumentException>(() => new AggregateWrite(tenant, "Incident", bad, 0, "{}", index, [entry with { RecordId = bad }])).ParamName);
        Assert.Equal("index.State", Assert.ThrowsAny<ArgumentException>(() => new AggregateWrite(tenant, "Incident", "INC-1", 0, "{}", index with { State = "x" + bad }, [entry])).ParamName);
        Assert.Equal("index.Service", Assert.ThrowsAny<ArgumentException>(() => new AggregateWrite(tenant, "Incident", "INC-1", 0, "{}", index with { Service = bad }, [entry])).ParamName);
        Assert.Equal("index.AssignmentGroup", Assert.ThrowsAny<ArgumentException>(() => new AggregateWrite(tenant, "Incident", "INC-1", 0, "{}", index with { AssignmentGroup = bad }, [entry])).ParamName);
    }

    [Fact]
    public void Legal_but_unusual_ids_are_accepted_everywhere_and_compared_ordinally()
    {
        foreach (var id in new[] { "\uFFFD", "😀", "e\u0301", "\u00e9", "ß", "ss", "a", "A", "שלום" })
        {
            Assert.Equal(id, new TenantId(id).Value);
            Assert.Equal(id, new Actor(id).Id);
            Assert.Equal(id, new IdempotencyKey(id, "fp").Key);
            Assert.Equal(id, new CommandOptions { IdempotencyKey = id }.IdempotencyKey);
            StoreArguments.CheckKey(new TenantId(id), id, id);
            StoreArguments.CheckQuery(new RecordQuery { RecordType = id, State = id, Service = id, AssignmentGroup = id });
        }

        Assert.NotEqual(new TenantId("e\u0301"), new TenantId("\u00e9"));
        Assert.NotEqual(new TenantId("ß"), new TenantId("ss"));
        Assert.NotEqual(new TenantId("\uFFFD"), new TenantId("😀"));
        Assert.Null(new CommandOptions { IdempotencyKey = null }.IdempotencyKey);
    }
}

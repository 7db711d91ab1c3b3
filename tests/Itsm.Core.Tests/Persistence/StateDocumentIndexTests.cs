using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Persistence;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The name index of <see cref="StateDocument"/>: fields read in the written order, out of it, twice, or absent,
/// among many members, and duplicates found in linear time, all as a scan of every member would find them
/// (escaped names by their text, non-ASCII names by their UTF-8, names whose hashes collide told apart).
/// </summary>
public sealed class StateDocumentIndexTests
{
    private static T Read<T>(string json, Func<StateReader, T> read) => StateJson.Read("Test", json, read);

    // The root's members are indexed when the document is opened, an object's when the codec takes it.
    private static string Refused(StateText json) =>
        Assert.Throws<JsonException>(() => StateJson.Read("Test", json, r => r.Has("o") && r.Object("o").Has("x"))).Message;

    // {"v":1,"<name(0)>":0,...,"<name(n-1)>":n-1<extra>}
    private static string Document(int count, Func<int, string> name, string extra = "") =>
        "{\"v\":1," + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{name(i)}\":{i}")) + extra + "}";

    // Longer than 16 bytes, and the same first and last 8 bytes: every one hashes the same.
    private static string Colliding(int i) => $"samehead{i:000}sametail";

    public static TheoryData<string, string> Duplicates => new()
    {
        { Document(300, i => "f" + i, ",\"f150\":1"), "Test state: 'f150' appears more than once." },
        { Document(300, i => "f" + i, ",\"f0\":1"), "Test state: 'f0' appears more than once." },
        { Document(300, i => "f" + i, ",\"\\u0066150\":1"), "Test state: 'f150' appears more than once." },
        { "{\"v\":1,\"\\u0066150\":1," + Document(300, i => "f" + i)["{\"v\":1,".Length..], "Test state: 'f150' appears more than once." },
        { Document(300, i => "f" + i, ",\"g\":1,\"f7\":1,\"g\":2"), "Test state: 'f7' appears more than once." },
        { Document(300, i => "f" + i, ",\"b\":1,\"\\u0062\":2,\"f7\":1"), "Test state: 'b' appears more than once." },
        { Document(200, Colliding, $",\"{Colliding(123)}\":1"), $"Test state: '{Colliding(123)}' appears more than once." },
        { Document(300, i => "é" + i, ",\"\\u00e9299\":1"), "Test state: 'é299' appears more than once." },
        { Document(40, i => "f" + i, ",\"o\":" + Document(300, i => "g" + i, ",\"g299\":1")), "Test state: 'o.g299' appears more than once." },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void The_first_member_whose_name_an_earlier_one_has_is_refused_among_many(string json, string message)
    {
        Assert.Equal(message, Refused(json));
    }

    [Property(MaxTest = 500)]
    public Property A_names_hash_from_its_text_is_the_hash_of_its_UTF8() =>
        Prop.ForAll(
            Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "Z", "_", "7", "\u007f", "é", "€", "😀", "\0"), n)).Select(p => string.Concat(p)).ToArbitrary(),
            name => StateDocument.HashOf(name) == StateDocument.HashOf(Encoding.UTF8.GetBytes(name)));

    [Fact]
    public void Many_distinct_names_are_not_duplicates()
    {
        Assert.Equal(299, Read(Document(300, i => "f" + i, ",\"\\u0066x\":1"), r => r.Int("f299")));
        Assert.Equal(199, Read(Document(200, Colliding), r => r.Int(Colliding(199))));
    }

    [Fact]
    public void Fields_read_in_any_order_twice_or_absent_among_many_give_what_a_full_scan_gives()
    {
        const int count = 120;
        string json = Document(count, i => "f" + i);
        var order = Enumerable.Range(0, count).OrderBy(i => (i * 37) % count).ToArray();

        var read = Read(json, r => order.Select(i => (r.Int("f" + i), r.Has("f" + i), r.Int("f" + i), r.Has("absent" + i), r.Has("f" + (i + count)))).ToArray());

        Assert.Equal(order.Select(i => (i, true, i, false, false)), read);
    }

    [Fact]
    public void Names_whose_hashes_collide_are_told_apart()
    {
        string json = Document(200, Colliding);

        var read = Read(json, r => Enumerable.Range(0, 200).Reverse().Select(i => r.Int(Colliding(i))).ToArray());

        Assert.Equal(Enumerable.Range(0, 200).Reverse(), read);
        Assert.False(Read(json, r => r.Has(Colliding(200))));
    }

    [Fact]
    public void Non_ASCII_and_escaped_names_are_found_out_of_order_by_their_text()
    {
        string json = Document(50, i => "f" + i, ",\"é\":\"a\",\"naïve\":\"b\",\"日本\":\"c\",\"😀\":\"d\",\"\\u00e9t\\u00e9\":\"e\",\"q\\\"\":\"f\"");

        var read = Read(json, r => (r.String("q\""), r.String("été"), r.String("😀"), r.String("日本"), r.String("naïve"), r.String("é"), r.Int("f3"), r.Has("e"), r.Has("\u00e9t"), r.Has("日")));

        Assert.Equal(("f", "e", "d", "c", "b", "a", 3, false, false, false), read);
    }

    [Fact]
    public void A_field_read_again_after_the_last_member_is_found()
    {
        // The last member found leaves the next lookup at the first member: the re-read must still find it.
        Assert.Equal((true, 2, 0, 2), Read("""{"v":1,"a":0,"b":1,"c":2}""", r => (r.Has("c"), r.Int("c"), r.Int("a"), r.Int("c"))));
    }

    [Fact]
    public void A_name_that_is_not_valid_UTF_8_is_the_same_name_as_its_replacement_text_escaped()
    {
        // The reader does not check a name's UTF-8; invalid bytes read as U+FFFD, as the escaped name does.
        byte[] Utf8(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xFF, .. Encoding.UTF8.GetBytes(after)];

        Assert.Equal("Test state: '\uFFFD' appears more than once.", Refused(StateText.FromUtf8(Utf8("{\"v\":1,\"", "\":1,\"\\ufffd\":2}"))));
        Assert.Equal("Test state: '\uFFFD' appears more than once.", Refused(StateText.FromUtf8(Utf8("{\"v\":1,\"\\ufffd\":2,\"", "\":1}"))));

        // A lookup compares the bytes: no string's UTF-8 is the invalid byte.
        Assert.False(StateJson.Read("Test", StateText.FromUtf8(Utf8("{\"v\":1,\"a\":1,\"", "\":1}")), r => r.Has("\uFFFD")));
    }
    [Fact]
    public void Values_nested_at_every_depth_are_found_and_named_by_their_path()
    {
        // The document is read in one pass; each container's members are placed in the table when it closes, its
        // children before it: values and paths must come out as a reader of each level would find them.
        const string json = """{"v":1,"a":[{"b":[1,{"c":{"d":[{"e":[]},{"e":"x"},{}]}}]},2],"o":{"p":{"q":{"r":3}},"s":4},"t":[]}""";
        Assert.Equal(
            ("x", 3, 4, 0),
            Read(json, r => (
                r.Items("a")[0].AsObject().Items("b")[1].AsObject().Object("c").Items("d")[1].AsObject().String("e"),
                r.Object("o").Object("p").Object("q").Int("r"),
                r.Object("o").Int("s"),
                r.Items("t").Count)));
    }

    [Theory]
    [InlineData("""{"v":1,"a":[{"b":[1,{"c":1,"c":2}]}]}""", "Test state: 'a[0].b[1].c' appears more than once.")]
    [InlineData("""{"v":1,"a":[{"b":[1,{"\u0063":1,"c":2}]}]}""", "Test state: 'a[0].b[1].c' appears more than once.")]
    [InlineData("""{"v":1,"a":[{"b":[1,{"c":1,"\u0063":2}]}],"z":0}""", "Test state: 'a[0].b[1].c' appears more than once.")]
    public void A_property_given_twice_deep_in_arrays_is_refused_naming_its_path(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<JsonException>(() => StateJson.Read("Test", json, r => r.Items("a")[0].AsObject().Items("b")[1].AsObject().Int("c"))).Message);
    }

    [Fact]
    public void An_object_the_codec_never_reads_is_not_checked_for_a_repeated_name()
    {
        // As before the document was read in one pass: names are checked in the objects a codec reads.
        Assert.Equal(7, Read("""{"v":1,"unknown":{"d":1,"d":2,"deeper":{"e":1,"e":2}},"o":{"y":7}}""", r => r.Object("o").Int("y")));
    }
}

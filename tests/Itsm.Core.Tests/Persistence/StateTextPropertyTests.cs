using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Persistence;
using Itsm.Requests;
using NodaTime;
using NodaTime.Testing;
using Itsm.Services;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// Write-then-read laws for the state text itself: any text a record holds (quotes, backslashes,
/// control characters, non-ASCII, surrogate pairs) and any instant survive a round trip through the
/// codecs, and the fast instant text agrees with NodaTime's extended ISO pattern.
/// </summary>
public sealed class StateTextPropertyTests
{
    private static readonly string[] KeyPieces = ["a", "Z", "7", " ", "-", "\"", "\\", "/", "é", "€", "ß", "\u2028", "😀", "<", "&", "'", "+", "{", "}"];

    private static readonly string[] TextPieces = [.. KeyPieces, "\n", "\t", "\u0001", "\u001f", "\u007f", "\\u0041"];

    private static readonly Gen<Instant> Instants =
        from day in Gen.Choose(-135_000, 160_000)
        from second in Gen.Choose(0, 86_399)
        from nanos in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 999_999_999)), (1, Gen.Choose(1, 999).Select(ms => ms * 1_000_000)))
        select Instant.FromUnixTimeSeconds((day * 86_400L) + second).PlusNanoseconds(nanos);

    /// <summary>Any instant NodaTime can hold: years -9998 to 9999, at any nanosecond.</summary>
    private static readonly Gen<Instant> AllInstants =
        from day in Gen.Choose((int)(Instant.MinValue.ToUnixTimeSeconds() / 86_400), (int)(Instant.MaxValue.ToUnixTimeSeconds() / 86_400))
        from second in Gen.Choose(0, 86_399)
        from nanos in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 999_999_999)))
        select Instant.FromUnixTimeSeconds((day * 86_400L) + second).PlusNanoseconds(nanos);

    private static Gen<string> Texts(string[] pieces) =>
        from count in Gen.Choose(0, 10)
        from parts in Gen.ArrayOf(Gen.Elements(pieces), count)
        select "x" + string.Concat(parts);

    private static readonly Gen<string> Keys = Texts(KeyPieces);

    private static readonly Gen<string> FreeTexts = Texts(TextPieces);

    private static Instant Later(Instant at, int minutes) => at + Duration.FromMinutes(minutes);

    [Property(MaxTest = 200)]
    public Property Incident_text_and_instants_round_trip() =>
        Prop.ForAll(
            (from at in Instants
             from texts in Gen.ArrayOf(FreeTexts, 4)
             from keys in Gen.ArrayOf(Keys, 4)
             from resolve in Gen.Elements(false, true)
             select (at, texts, keys, resolve)).ToArbitrary(),
            input =>
            {
                var (at, texts, keys, resolve) = input;
                var clock = new FakeClock(at);
                var agent = new Actor(keys[0], "itil");
                var incident = Incident.Open(new TenantId("acme"), IncidentId.New(), agent, keys[1], texts[0], Impact.High, Urgency.Low, clock, IncidentOptions.Default, new ServiceId(keys[2]));
                clock.Reset(Later(at, 7));
                incident.Assign(agent, new SupportGroupId(keys[3]), keys[0]);
                incident.PutOnHold(agent, OnHoldReason.AwaitingCaller, texts[1]);
                if (resolve)
                {
                    clock.Reset(Later(at, 100));
                    incident.Resolve(agent, IncidentResolutionCode.SolvedPermanently, texts[2]);
                }

                RoundTrip(new IncidentCodec(IncidentOptions.Default), incident, clock);
            });

    [Property(MaxTest = 200)]
    public Property Change_text_and_instants_round_trip() =>
        Prop.ForAll(
            (from at in Instants
             from texts in Gen.ArrayOf(FreeTexts, 2)
             from services in Gen.ArrayOf(Keys, 3)
             from items in Gen.ArrayOf(Keys, 2)
             from requester in Keys
             select (at, texts, services, items, requester)).ToArbitrary(),
            input =>
            {
                var (at, texts, services, items, requester) = input;
                var clock = new FakeClock(at);
                var change = Change.Open(new TenantId("acme"), new ChangeId(Guid.NewGuid()), ChangeType.Normal, new Actor(requester), texts[0], texts[1],
                    new ServiceId(services[0]), items.Distinct(StringComparer.Ordinal).Select(i => new ConfigurationItemId(i)).ToArray(), clock, implementerId: "impl " + requester);

                RoundTrip(new ChangeCodec(ChangeAuthorityPolicy.Default), change, clock);
            });

    [Property(MaxTest = 200)]
    public Property ServiceRequest_text_and_instants_round_trip() =>
        Prop.ForAll(
            (from at in Instants
             from texts in Gen.ArrayOf(FreeTexts, 1)
             from keys in Gen.ArrayOf(Keys, 3)
             from approval in Gen.Elements(false, true)
             select (at, texts, keys, approval)).ToArbitrary(),
            input =>
            {
                var (at, texts, keys, approval) = input;
                var clock = new FakeClock(at);
                var requester = new Actor(keys[0]);
                var request = ServiceRequest.Submit(new TenantId("acme"), new ServiceRequestId(Guid.NewGuid()), requester, new CatalogItem(keys[1], approval), clock, new Priority(3));
                clock.Reset(Later(at, 3));
                request.Assign(new Actor(keys[2], "itil"), new SupportGroupId(keys[2]), keys[2]);
                if (!approval)
                {
                    request.StartFulfilment(new Actor(keys[2], "itil"));
                    request.Fulfil(new Actor(keys[2], "itil"), texts[0]);
                }

                RoundTrip(new ServiceRequestCodec(), request, clock);
            });

    [Property(MaxTest = 1000)]
    public Property Instant_text_is_NodaTime_extended_ISO_text() =>
        Prop.ForAll(AllInstants.ToArbitrary(), instant =>
        {
            string expected = NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
            int year = instant.InUtc().Year;
            Span<byte> text = stackalloc byte[IsoInstantText.MaxLength];

            bool formatted = IsoInstantText.TryFormat(instant, text, out int written);
            bool parsed = IsoInstantText.TryParse(System.Text.Encoding.UTF8.GetBytes(expected), out var back);

            Assert.Equal(year is >= 1 and <= 9999, formatted);
            Assert.Equal(formatted, parsed);
            if (formatted)
            {
                Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(text[..written]));
                Assert.Equal(instant, back);
            }
        });

    [Theory]
    [InlineData("2024-02-29T00:00:00Z", true)]
    [InlineData("0001-01-01T00:00:00Z", true)]
    [InlineData("9999-12-31T23:59:59.999999999Z", true)]
    [InlineData("2026-03-10T14:30:00.100Z", true)]
    [InlineData("2026-03-10T14:30:00.000000000Z", true)]
    [InlineData("1969-12-31T23:59:59.5Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)]
    [InlineData("2100-02-29T00:00:00Z", false)]
    [InlineData("2026-04-31T00:00:00Z", false)]
    [InlineData("2026-13-01T00:00:00Z", false)]
    [InlineData("2026-00-01T00:00:00Z", false)]
    [InlineData("2026-01-01T24:00:00Z", false)]
    [InlineData("2026-01-01T00:60:00Z", false)]
    [InlineData("2026-01-01T00:00:60Z", false)]
    [InlineData("2026-01-01T00:00:00.Z", false)]
    [InlineData("2026-01-01T00:00:00,5Z", false)]
    [InlineData("2026-01-01T00:00:00.1234567890Z", false)]
    [InlineData("2026-01-01T00:00:00z", false)]
    [InlineData("2026-01-01 00:00:00Z", false)]
    [InlineData("2026-01-01T00:00:00", false)]
    [InlineData("2026-01-01T00:00:00+01:00", false)]
    [InlineData("-0001-01-01T00:00:00Z", false)]
    [InlineData("0000-01-01T00:00:00Z", false)]
    [InlineData("2026-1-01T00:00:00Z", false)]
    [InlineData("2026-01-01T00:00:0xZ", false)]
    public void Instant_text_takes_the_common_shape_and_leaves_the_rest_to_NodaTime(string text, bool fast)
    {
        var nodaTime = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text);

        bool parsed = IsoInstantText.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var instant);

        Assert.Equal(fast, parsed);
        if (parsed)
        {
            Assert.True(nodaTime.Success);
            Assert.Equal(nodaTime.Value, instant);
        }
    }

    private static void RoundTrip<TAggregate, TId>(IAggregateCodec<TAggregate, TId> codec, TAggregate original, IClock clock)
        where TAggregate : class
    {
        string json = codec.Serialize(original);
        StateDocumentStrictScanTests.AssertReadStrictly(json);
        var loaded = codec.Deserialize(codec.TenantOf(original), codec.IdOf(original), codec.VersionOf(original), json, clock);

        Assert.Equal(json, codec.Serialize(loaded));
        codec.AcceptAuditEntries(original);
        DeepEqual.Assert(original, loaded, typeof(TAggregate).Name);
    }
}

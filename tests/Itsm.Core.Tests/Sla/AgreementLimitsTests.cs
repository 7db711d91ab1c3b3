using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Itsm.Common;
using Itsm.Sla;
using Itsm.Text;
using NodaTime;

namespace Itsm.Core.Tests.Sla;

/// <summary>
/// The limits of agreements (docs/limits.md): condition depth the same when built and when read, so
/// whatever is accepted reads back; targets too long for a period refused with the format's error
/// naming the field; messages bounded whatever the size of the bad value.
/// </summary>
public sealed class AgreementLimitsTests
{
    private static readonly SlaCondition Leaf = SlaCondition.StateIn("Resolved");

    // The shapes that nest: all, any, not; each level one deeper.
    private static SlaCondition Nest(int depth, int shape)
    {
        var condition = Leaf;
        for (int level = 2; level <= depth; level++)
        {
            condition = ((shape + level) % 3) switch
            {
                0 => SlaCondition.All(condition, SlaCondition.PriorityIn(Priority.Critical)),
                1 => SlaCondition.Any(SlaCondition.StateIn("New"), condition),
                _ => SlaCondition.Not(condition),
            };
        }

        return condition;
    }

    private static Agreement WithStop(SlaCondition stop, string id = "SLA-1") => new(id, id, AgreementKind.ServiceLevelAgreement, AgreementScope.Everything,
    [
        new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [Priority.Critical] = Duration.FromHours(4) },
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = stop, Pause = stop },
        },
    ]);

    private static string Minimal(string duration) =>
        $$"""{ "id": "SLA-1", "targets": [ { "metric": "Resolution", "durations": { "1": "{{duration}}" }, "conditions": { "start": true, "stop": true } } ] }""";

    [Fact]
    public void A_condition_at_the_depth_limit_round_trips_alone_and_in_a_list()
    {
        var agreement = WithStop(Nest(FieldLimits.ConditionDepth, 0));

        var one = Agreement.FromJson(agreement.ToJson());
        var list = Agreement.ListFromJson(Agreement.ListToJson([agreement, WithStop(Nest(FieldLimits.ConditionDepth, 1), "SLA-2")]));

        Assert.Equal(agreement.ToJson(), one.ToJson());
        Assert.Equal(agreement.ToJson(), list[0].ToJson());
    }

    [Fact]
    public void A_condition_one_level_too_deep_is_refused_when_built_naming_where_and_the_limit()
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => WithStop(Nest(FieldLimits.ConditionDepth + 1, 0)));

        Assert.Equal(
            ["targets[0].conditions.stop: nests 17 levels deep; at most 16 (FieldLimits.ConditionDepth).", "targets[0].conditions.pause: nests 17 levels deep; at most 16 (FieldLimits.ConditionDepth)."],
            ex.Errors);
        Assert.Equal(SlaDefinitionException.ErrorCode, ex.Code);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(60)]
    [InlineData(2000)]
    public void A_condition_too_deep_is_refused_when_read_with_the_formats_error(int depth)
    {
        string condition = "{ \"stateIn\": [\"Resolved\"] }";
        for (int i = 1; i < depth; i++)
        {
            condition = "{ \"not\": " + condition + " }";
        }

        string json = $$"""{ "id": "SLA-1", "targets": [ { "metric": "Resolution", "durations": { "1": "PT4H" }, "conditions": { "start": true, "stop": {{condition}} } } ] }""";

        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(json));
        Assert.InRange(ex.Message.Length, 1, 1000);
    }

    [Property(MaxTest = 200)]
    public Property Any_agreement_the_builder_accepts_reads_back_from_a_list_and_anything_deeper_is_refused_when_built() =>
        Prop.ForAll(Gen.Choose(1, FieldLimits.ConditionDepth + 8).SelectMany(d => Gen.Choose(0, 2).Select(s => (d, s))).ToArbitrary(), c =>
        {
            var (depth, shape) = c;
            var condition = Nest(depth, shape);
            if (depth > FieldLimits.ConditionDepth)
            {
                return Assert.Throws<SlaDefinitionException>(() => WithStop(condition)).Errors.All(e => e.Contains("FieldLimits.ConditionDepth", StringComparison.Ordinal));
            }

            var agreement = WithStop(condition);
            var json = Agreement.ListToJson([agreement]);
            return Agreement.ListFromJson(json).Single().ToJson() == agreement.ToJson();
        });

    [Theory]
    [InlineData("PT2562047H")] // about 292 years: past a 64-bit count of nanoseconds
    [InlineData("PT99999999999999H")]
    [InlineData("P106751D")]
    [InlineData("PT9223372036854775807S")]
    [InlineData("P3661D")]
    public void A_target_longer_than_the_limit_is_refused_naming_the_field(string duration)
    {
        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(Minimal(duration)));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("agreement.targets[0].durations", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_at_the_limit_round_trips()
    {
        var agreement = Agreement.FromJson(Minimal("P3660D"));

        Assert.Equal(Duration.FromDays(FieldLimits.MaxTargetDays), agreement.Targets[0].DurationFor(Priority.Critical));
        Assert.Equal(agreement.ToJson(), Agreement.FromJson(agreement.ToJson()).ToJson());
    }

    [Fact]
    public void A_target_longer_than_the_limit_is_refused_when_built()
    {
        var target = new SlaTarget
        {
            Metric = SlaMetric.Resolution,
            Durations = new Dictionary<Priority, Duration> { [Priority.Critical] = Duration.FromDays(FieldLimits.MaxTargetDays) + Duration.FromNanoseconds(1) },
            Conditions = new SlaConditions { Start = SlaCondition.Always, Stop = SlaCondition.Never },
        };

        var ex = Assert.Throws<SlaDefinitionException>(() => new Agreement("SLA-1", "SLA", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything, [target]));

        Assert.Equal(["targets[0].durations: the target for priority 1 is longer than 3660 days (FieldLimits.MaxTargetDays)."], ex.Errors);
    }

    [Fact]
    public void A_10_MB_bad_value_makes_a_short_message()
    {
        string huge = new('x', 10 * 1024 * 1024);

        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(Minimal(huge)));

        Assert.InRange(ex.Message.Length, 1, 600);
        Assert.Contains("(10485760 characters)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_with_thousands_of_problems_lists_twenty_and_counts_the_rest()
    {
        string durations = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"\"p{i}\": \"PT1H\""));
        string json = $$"""{ "id": "SLA-1", "targets": [ { "metric": "Resolution", "durations": { {{durations}} }, "conditions": { "start": true, "stop": true } } ] }""";

        var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(json));

        Assert.Equal(5000, ex.Errors.Count);
        Assert.Contains("\n- and 4980 more.", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Message.Length, 1, 21 * 300);
    }

    [Property(MaxTest = 100)]
    public Property A_bad_values_message_is_bounded_whatever_its_length() =>
        Prop.ForAll(Gen.Choose(0, 200_000).SelectMany(n => Gen.Elements('a', '\0', '\n', '\uD800', '"', 'é').Select(c => new string(c, n))).ToArbitrary(), bad =>
        {
            string json = $$"""{ "id": "SLA-1", "kind": {{System.Text.Json.JsonSerializer.Serialize(bad)}}, "targets": [ { "metric": "Resolution", "durations": { "1": "PT1H" }, "conditions": { "start": true, "stop": true } } ] }""";
            var ex = Assert.Throws<SlaDefinitionException>(() => Agreement.FromJson(json));
            // The quoted value is at most QuotedText.MaxLength (every character escaped); the sentence around it is fixed.
            return ex.Message.Length <= QuotedText.MaxLength + 200;
        });
}

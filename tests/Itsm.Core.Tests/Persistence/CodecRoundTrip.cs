using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using Itsm.Core.Tests.Lifecycles;
using Itsm.Persistence;
using NodaTime.Testing;

namespace Itsm.Core.Tests.Persistence;

/// <summary>
/// The round-trip law every codec must keep: after any command sequence, Serialize, Deserialize
/// at the aggregate's version, and Serialize again gives the same JSON; the loaded record equals
/// the original in every public property (its permitted commands included); and the next
/// commands, run on both, give the same outcomes (the same exception, or the same state, audit
/// entry and version).
/// </summary>
internal static class CodecRoundTrip
{
    /// <summary>Runs <paramref name="steps"/> on <paramref name="original"/>, round-trips it, and runs <paramref name="next"/> on both.</summary>
    /// <param name="world">Runs a step of the world (clock, saves) on a record; false for a command step.</param>
    /// <param name="execute">Runs a command step on a record.</param>
    public static void Check<TAggregate, TId>(
        IAggregateCodec<TAggregate, TId> codec,
        TAggregate original,
        FakeClock clock,
        IReadOnlyList<ModelStep> steps,
        IReadOnlyList<ModelStep> next,
        Func<ModelStep, TAggregate, bool> world,
        Action<ModelStep, TAggregate> execute)
        where TAggregate : class
    {
        foreach (var step in steps)
        {
            if (!world(step, original))
            {
                ModelRun.Capture(() => execute(step, original));
            }
        }

        string json = codec.Serialize(original);
        StateDocumentStrictScanTests.AssertReadStrictly(json);
        var loaded = codec.Deserialize(codec.TenantOf(original), codec.IdOf(original), codec.VersionOf(original), json, clock);

        // The UTF-8 path (the engine's, for a store that keeps UTF-8) writes the same text and reads the same record.
        var utf8 = codec.SerializeUtf8(original);
        Xunit.Assert.Equal(json, System.Text.Encoding.UTF8.GetString(utf8));
        var fromUtf8 = codec.Deserialize(codec.TenantOf(original), codec.IdOf(original), codec.VersionOf(original), StateText.FromUtf8(utf8), clock);
        Xunit.Assert.Equal(json, codec.Serialize(fromUtf8));
        DeepEqual.Assert(loaded, fromUtf8, typeof(TAggregate).Name + " read from UTF-8");

        Xunit.Assert.Equal(json, codec.Serialize(loaded));
        Xunit.Assert.Empty(codec.UncommittedOf(loaded));
        Xunit.Assert.Equal(codec.VersionOf(original), codec.VersionOf(loaded));
        Xunit.Assert.Equal(codec.IndexOf(original, null), codec.IndexOf(loaded, null));
        Xunit.Assert.Equal(codec.SlaLogOf(original) is null, codec.SlaLogOf(loaded) is null);
        codec.AcceptAuditEntries(original);
        DeepEqual.Assert(original, loaded, typeof(TAggregate).Name);

        foreach (var step in next)
        {
            // The clock is shared, so a world step runs once; saves are taken after every step.
            if (world(step, original))
            {
                continue;
            }

            var expected = ModelRun.Capture(() => execute(step, original));
            var actual = ModelRun.Capture(() => execute(step, loaded));
            Xunit.Assert.Equal(expected?.GetType(), actual?.GetType());
            Xunit.Assert.Equal(expected?.Message, actual?.Message);
            var before = codec.UncommittedOf(original);
            var after = codec.UncommittedOf(loaded);
            Xunit.Assert.Equal(before.Count, after.Count);
            if (before.Count > 0)
            {
                var a = before[^1];
                var b = after[^1];
                Xunit.Assert.Equal(
                    (a.Tenant, a.RecordType, a.RecordId, a.Version, a.At, a.Actor, a.Command, a.FromState, a.ToState),
                    (b.Tenant, b.RecordType, b.RecordId, b.Version, b.At, b.Actor, b.Command, b.FromState, b.ToState));
                Xunit.Assert.Equal(a.Data.OrderBy(p => p.Key, StringComparer.Ordinal), b.Data.OrderBy(p => p.Key, StringComparer.Ordinal));
            }

            codec.AcceptAuditEntries(original);
            codec.AcceptAuditEntries(loaded);
            DeepEqual.Assert(original, loaded, typeof(TAggregate).Name + " after " + step);
            Xunit.Assert.Equal(codec.Serialize(original), codec.Serialize(loaded));
        }
    }

    /// <summary>The world steps every model shares; the clock is shared by both records.</summary>
    public static bool SharedWorld(ModelStep step, FakeClock clock, Action accept)
    {
        switch (step)
        {
            case AdvanceClock a:
                clock.Advance(a.By);
                return true;
            case AcceptAuditEntries:
                accept();
                return true;
            default:
                return false;
        }
    }
}

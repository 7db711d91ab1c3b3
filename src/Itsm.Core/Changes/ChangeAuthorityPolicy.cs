using System;
using Ardalis.GuardClauses;

namespace Itsm.Changes;

/// <summary>
/// Which <see cref="ChangeAuthority"/> must approve a change, by type and risk. The default: a
/// standard change none; a normal change of low risk one <c>peer</c> or <c>group_manager</c>, of
/// moderate risk one <c>change_manager</c>, of high risk a CAB quorum of 3 distinct <c>cab</c>
/// members; an emergency change an ECAB quorum of 2 distinct <c>ecab</c> members. Immutable.
/// </summary>
public sealed class ChangeAuthorityPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="standard">The authority of standard changes.</param>
    /// <param name="low">The authority of normal changes of low risk.</param>
    /// <param name="moderate">The authority of normal changes of moderate risk.</param>
    /// <param name="high">The authority of normal changes of high risk.</param>
    /// <param name="emergency">The authority of emergency changes.</param>
    /// <exception cref="ArgumentNullException">An authority is null.</exception>
    public ChangeAuthorityPolicy(ChangeAuthority standard, ChangeAuthority low, ChangeAuthority moderate, ChangeAuthority high, ChangeAuthority emergency)
    {
        Standard = Guard.Against.Null(standard);
        Low = Guard.Against.Null(low);
        Moderate = Guard.Against.Null(moderate);
        High = Guard.Against.Null(high);
        Emergency = Guard.Against.Null(emergency);
    }

    /// <summary>The default policy (CAB quorum 3, ECAB quorum 2).</summary>
    public static ChangeAuthorityPolicy Default { get; } = CreateDefault();

    /// <summary>The authority of standard changes.</summary>
    public ChangeAuthority Standard { get; }

    /// <summary>The authority of normal changes of low risk.</summary>
    public ChangeAuthority Low { get; }

    /// <summary>The authority of normal changes of moderate risk.</summary>
    public ChangeAuthority Moderate { get; }

    /// <summary>The authority of normal changes of high risk.</summary>
    public ChangeAuthority High { get; }

    /// <summary>The authority of emergency changes.</summary>
    public ChangeAuthority Emergency { get; }

    /// <summary>The default policy with other quorums.</summary>
    /// <param name="cabQuorum">Distinct <c>cab</c> approvers a high-risk normal change needs (at least 1).</param>
    /// <param name="ecabQuorum">Distinct <c>ecab</c> approvers an emergency change needs (at least 1).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">A quorum is below 1.</exception>
    public static ChangeAuthorityPolicy CreateDefault(int cabQuorum = 3, int ecabQuorum = 2)
    {
        Guard.Against.NegativeOrZero(cabQuorum);
        Guard.Against.NegativeOrZero(ecabQuorum);
        return new(
            ChangeAuthority.None,
            new ChangeAuthority("Peer or group manager", 1, "peer", "group_manager"),
            new ChangeAuthority("Change manager", 1, "change_manager"),
            new ChangeAuthority("CAB", cabQuorum, "cab"),
            new ChangeAuthority("ECAB", ecabQuorum, "ecab"));
    }

    /// <summary>The authority a change of <paramref name="type"/> and <paramref name="risk"/> needs.</summary>
    /// <param name="type">The change's type.</param>
    /// <param name="risk">Its assessed risk; a normal change without one is treated as <see cref="ChangeRisk.High"/>.</param>
    /// <returns>The authority.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The type or risk is undefined.</exception>
    public ChangeAuthority For(ChangeType type, ChangeRisk? risk) => type switch
    {
        ChangeType.Standard => Standard,
        ChangeType.Emergency => Emergency,
        ChangeType.Normal => (risk ?? ChangeRisk.High) switch
        {
            ChangeRisk.Low => Low,
            ChangeRisk.Moderate => Moderate,
            ChangeRisk.High => High,
            _ => throw new ArgumentOutOfRangeException(nameof(risk)),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

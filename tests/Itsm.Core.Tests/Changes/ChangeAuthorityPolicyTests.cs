using Itsm.Changes;

namespace Itsm.Core.Tests.Changes;

/// <summary>The default change authority by type and risk, and its quorum counting.</summary>
public sealed class ChangeAuthorityPolicyTests
{
    [Fact]
    public void TheDefault_ByTypeAndRisk()
    {
        var policy = ChangeAuthorityPolicy.Default;

        Assert.Equal(0, policy.For(ChangeType.Standard, null).Quorum);
        Assert.Equal(["peer", "group_manager"], policy.For(ChangeType.Normal, ChangeRisk.Low).Roles);
        Assert.Equal(1, policy.For(ChangeType.Normal, ChangeRisk.Low).Quorum);
        Assert.Equal(["change_manager"], policy.For(ChangeType.Normal, ChangeRisk.Moderate).Roles);
        Assert.Equal(3, policy.For(ChangeType.Normal, ChangeRisk.High).Quorum);
        Assert.Equal(["cab"], policy.For(ChangeType.Normal, ChangeRisk.High).Roles);
        Assert.Equal(2, policy.For(ChangeType.Emergency, ChangeRisk.Low).Quorum);
        Assert.Equal(["ecab"], policy.For(ChangeType.Emergency, null).Roles);
    }

    [Fact]
    public void AQuorum_CountsDistinctApproversWithAnAcceptedRole()
    {
        var cab = new ChangeAuthority("CAB", 2, "cab");
        var at = NodaTime.Instant.FromUtc(2026, 11, 30, 9, 0);

        Assert.False(cab.IsSatisfiedBy([new("a", ["cab"], at), new("a", ["cab"], at)]));
        Assert.False(cab.IsSatisfiedBy([new("a", ["cab"], at), new("b", ["peer"], at)]));
        Assert.True(cab.IsSatisfiedBy([new("a", ["cab"], at), new("b", ["cab", "peer"], at)]));
        Assert.True(ChangeAuthority.None.IsSatisfiedBy([]));
    }

    [Fact]
    public void AnAuthority_RefusesBadConfiguration()
    {
        Assert.Throws<System.ArgumentException>(() => new ChangeAuthority("CAB", 2));
        Assert.Throws<System.ArgumentException>(() => new ChangeAuthority("CAB", -1, "cab"));
        Assert.Throws<System.ArgumentException>(() => ChangeAuthorityPolicy.CreateDefault(cabQuorum: 0));
    }
}

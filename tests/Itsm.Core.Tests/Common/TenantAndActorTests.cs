using System;
using Itsm.Common;

namespace Itsm.Core.Tests.Common;

/// <summary><see cref="TenantId"/> and <see cref="Actor"/>: validated on creation, naming the bad parameter.</summary>
public sealed class TenantAndActorTests
{
    // TenantId.

    [Fact]
    public void TenantId_KeepsItsValue()
    {
        var tenant = new TenantId("acme");

        Assert.Equal("acme", tenant.Value);
        Assert.Equal("acme", tenant.ToString());
        Assert.Equal(new TenantId("acme"), tenant);
        Assert.NotEqual(new TenantId("ACME"), tenant);
    }

    [Fact]
    public void TenantId_OfOneHundredCharacters_IsAccepted()
    {
        Assert.Equal(100, new TenantId(new string('t', 100)).Value.Length);
    }

    [Fact]
    public void TenantId_OfMoreThanOneHundredCharacters_ThrowsNamingValue()
    {
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => new TenantId(new string('t', 101))).ParamName);
    }

    [Fact]
    public void TenantId_OfNull_ThrowsArgumentNullExceptionNamingValue()
    {
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => new TenantId(null!)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TenantId_Blank_ThrowsNamingValue(string value)
    {
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => new TenantId(value)).ParamName);
    }

    [Fact]
    public void TenantId_Default_HasNoValueAndPrintsEmpty()
    {
        TenantId tenant = default;

        Assert.Null(tenant.Value);
        Assert.Equal(string.Empty, tenant.ToString());
    }

    // Actor.

    [Fact]
    public void Actor_SortsAndDeduplicatesItsRolesOrdinally()
    {
        var actor = new Actor("agent.smith", "itil", "approver_user", "itil", "ITIL");

        Assert.Equal("agent.smith", actor.Id);
        Assert.Equal(["ITIL", "approver_user", "itil"], actor.Roles);
        Assert.Equal("agent.smith", actor.ToString());
    }

    [Fact]
    public void Actor_HasRole_ComparesOrdinally()
    {
        var actor = new Actor("agent.smith", "itil");

        Assert.True(actor.HasRole("itil"));
        Assert.False(actor.HasRole("ITIL"));
        Assert.False(actor.HasRole("admin"));
    }

    [Fact]
    public void Actor_WithoutRoles_HasNone()
    {
        Assert.Empty(new Actor("caller.jones").Roles);
    }

    [Fact]
    public void Actors_WithTheSameIdAndRolesInAnyOrder_AreEqual()
    {
        var first = new Actor("agent.smith", "itil", "approver_user");
        var second = new Actor("agent.smith", "approver_user", "itil");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, new Actor("agent.smith", "itil"));
        Assert.NotEqual(first, new Actor("agent.jones", "itil", "approver_user"));
        Assert.False(first.Equals(null));
    }

    [Fact]
    public void Actor_WithANullId_ThrowsArgumentNullExceptionNamingId()
    {
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => new Actor(null!)).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Actor_WithABlankId_ThrowsNamingId(string id)
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Actor(id)).ParamName);
    }

    [Fact]
    public void Actor_WithANullRoleArray_ThrowsNamingRoles()
    {
        Assert.Equal("roles", Assert.Throws<ArgumentNullException>(() => new Actor("agent.smith", null!)).ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Actor_WithABlankRole_ThrowsNamingRoles(string? role)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Actor("agent.smith", "itil", role!));

        Assert.Equal("roles", ex.ParamName);
        Assert.Equal("A role is null or blank. (Parameter 'roles')", ex.Message);
    }
}

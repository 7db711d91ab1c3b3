using System;
using Itsm.Common;

namespace Itsm.Core.Tests.Common;

/// <summary>The strongly typed ids: random when new, printed as a "D" GUID; an empty id is refused where one is required.</summary>
public sealed class IdTests
{
    private static readonly Guid Known = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void IncidentId_New_IsRandomAndNotEmpty()
    {
        var first = IncidentId.New();
        var second = IncidentId.New();

        Assert.NotEqual(Guid.Empty, first.Value);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ServiceRequestId_New_IsRandomAndNotEmpty()
    {
        Assert.NotEqual(Guid.Empty, ServiceRequestId.New().Value);
        Assert.NotEqual(ServiceRequestId.New(), ServiceRequestId.New());
    }

    [Fact]
    public void InteractionId_New_IsRandomAndNotEmpty()
    {
        Assert.NotEqual(Guid.Empty, InteractionId.New().Value);
        Assert.NotEqual(InteractionId.New(), InteractionId.New());
    }

    [Fact]
    public void Ids_PrintAsDFormatGuids()
    {
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", new IncidentId(Known).ToString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", new ServiceRequestId(Known).ToString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", new InteractionId(Known).ToString());
    }

    [Fact]
    public void Ids_WithTheSameGuid_AreEqual()
    {
        Assert.Equal(new IncidentId(Known), new IncidentId(Known));
        Assert.Equal(new ServiceRequestId(Known), new ServiceRequestId(Known));
        Assert.Equal(new InteractionId(Known), new InteractionId(Known));
    }
}

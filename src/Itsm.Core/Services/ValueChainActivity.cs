namespace Itsm.Services;

/// <summary>The six activities of the ITIL 4 service value chain.</summary>
public enum ValueChainActivity
{
    /// <summary>Plan: a shared understanding of the vision, status and direction.</summary>
    Plan = 0,

    /// <summary>Improve: continual improvement of products, services and practices.</summary>
    Improve = 1,

    /// <summary>Engage: understanding stakeholder needs and engaging with them.</summary>
    Engage = 2,

    /// <summary>Design and transition: services meet expectations for quality, cost and time to market.</summary>
    DesignAndTransition = 3,

    /// <summary>Obtain/build: service components are available when and where needed.</summary>
    ObtainBuild = 4,

    /// <summary>Deliver and support: services are delivered and supported to agreed specifications.</summary>
    DeliverAndSupport = 5,
}

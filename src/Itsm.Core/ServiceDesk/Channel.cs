namespace Itsm.ServiceDesk;

/// <summary>How a contact reached the service desk.</summary>
public enum Channel
{
    /// <summary>A phone call.</summary>
    Phone = 0,

    /// <summary>An e-mail.</summary>
    Email = 1,

    /// <summary>The self-service portal.</summary>
    Portal = 2,

    /// <summary>A chat.</summary>
    Chat = 3,

    /// <summary>In person at the desk.</summary>
    WalkIn = 4,

    /// <summary>An event from a monitoring system.</summary>
    Monitoring = 5,
}

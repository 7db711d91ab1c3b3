namespace Itsm.ServiceDesk;

/// <summary>The states of a service desk interaction.</summary>
public enum InteractionState
{
    /// <summary>Logged, not yet classified.</summary>
    Logged = 0,

    /// <summary>Classified as an incident (terminal).</summary>
    Incident = 1,

    /// <summary>Classified as a service request (terminal).</summary>
    ServiceRequest = 2,

    /// <summary>A question answered on first contact (terminal).</summary>
    Answered = 3,
}

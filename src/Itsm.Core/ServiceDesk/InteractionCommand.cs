namespace Itsm.ServiceDesk;

/// <summary>The commands (Stateless triggers) an interaction accepts.</summary>
public enum InteractionCommand
{
    /// <summary>Classify as a new incident.</summary>
    ClassifyAsIncident = 0,

    /// <summary>Classify as a new service request.</summary>
    ClassifyAsServiceRequest = 1,

    /// <summary>Answer a question on first contact.</summary>
    Answer = 2,
}

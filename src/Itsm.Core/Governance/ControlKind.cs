namespace Itsm.Governance;

/// <summary>The built-in kinds of control a <see cref="ControlDefinition"/> can be (docs/governance.md defines each one's population and exceptions).</summary>
public enum ControlKind
{
    /// <summary>Every normal change is authorised by its change authority before its implementation starts. JSON: <c>normalChangeAuthorized</c>.</summary>
    NormalChangeAuthorized = 1,

    /// <summary>Every emergency change is reviewed (closed with its review's outcome) within a number of days of its implementation. JSON: <c>emergencyChangeReviewed</c>.</summary>
    EmergencyChangeReviewed = 2,

    /// <summary>Nobody approves a change or service request they requested. JSON: <c>noSelfApproval</c>.</summary>
    NoSelfApproval = 3,

    /// <summary>Every major incident has a post-incident review within a number of days of its resolution. JSON: <c>majorIncidentReviewed</c>.</summary>
    MajorIncidentReviewed = 4,

    /// <summary>No change other than an emergency change is implemented inside a blackout window. JSON: <c>noChangeInBlackout</c>.</summary>
    NoChangeInBlackout = 5,
}

namespace Itsm.Governance;

/// <summary>
/// The seven guiding principles of ITIL 4: recommendations that guide an organisation in all
/// circumstances, whatever its goals, strategy or structure. Improvement items
/// (<see cref="Itsm.Improvement.ImprovementItem.Principles"/>) and the adoption assessment
/// (<see cref="Itsm.Improvement.AdoptionAssessment.CitedPrinciples"/>) cite them;
/// <see cref="GuidingPrinciples"/> gives each one's name and a short description.
/// </summary>
/// <remarks>The numbers follow the order ITIL 4 lists them in and are stable; the audit log and stored
/// state write the names.</remarks>
public enum GuidingPrinciple
{
    /// <summary>Focus on value: everything done should link, directly or indirectly, to value for the organisation, its customers and other stakeholders.</summary>
    FocusOnValue = 1,

    /// <summary>Start where you are: observe and measure what exists before building anything new, and reuse what works.</summary>
    StartWhereYouAre = 2,

    /// <summary>Progress iteratively with feedback: work in small, manageable steps, each completed in a timely way, with feedback before, during and after each.</summary>
    ProgressIterativelyWithFeedback = 3,

    /// <summary>Collaborate and promote visibility: work across boundaries with the right people, and make work and its results visible.</summary>
    CollaborateAndPromoteVisibility = 4,

    /// <summary>Think and work holistically: no practice, service or component stands alone; consider the whole value system.</summary>
    ThinkAndWorkHolistically = 5,

    /// <summary>Keep it simple and practical: use the minimum number of steps that achieves the objective, and remove what adds no value.</summary>
    KeepItSimpleAndPractical = 6,

    /// <summary>Optimize and automate: make work as effective and useful as it needs to be first, then automate what can be automated.</summary>
    OptimizeAndAutomate = 7,
}

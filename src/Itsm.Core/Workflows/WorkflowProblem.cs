namespace Itsm.Workflows;

/// <summary>One problem of a workflow definition: what kind, which element, and a sentence saying what to fix.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="Subject">The element it is about: a state's or transition's name, <c>id</c>, <c>version</c> or <c>migration</c>.</param>
/// <param name="Message">A sentence naming the element and what is wrong.</param>
public sealed record WorkflowProblem(WorkflowProblemCode Code, string Subject, string Message)
{
    /// <summary>The message.</summary>
    /// <returns>The text, prefixed by the code.</returns>
    public override string ToString() => $"{Code}: {Message}";
}

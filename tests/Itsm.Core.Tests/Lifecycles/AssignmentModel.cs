using System;
using FsCheck;
using FsCheck.Fluent;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary><c>Assign(actor, group, assignee)</c>: null means none; a blank one is invalid.</summary>
public sealed record AssignStep(Who Who, string? Group, string? Assignee) : ModelStep
{
    public override string ToString() => $"Assign({Who}, {Q(Group)}, {Q(Assignee)})";
}

/// <summary><c>Unassign(actor)</c>.</summary>
public sealed record UnassignStep(Who Who) : ModelStep
{
    public override string ToString() => $"Unassign({Who})";
}

/// <summary>
/// The state-neutral Assign and Unassign of problems and service requests, as docs/lifecycles/README.md
/// states them: their generators and the model's rules (the lifecycle tables say where they are permitted).
/// </summary>
public static class AssignmentModel
{
    /// <summary>Groups: sometimes none or blank, mostly one of two real groups.</summary>
    public static Gen<string?> Group { get; } = Gen.Frequency(
        // A blank group is not representable (SupportGroupId refuses it), so the steps name none or a real one.
        (2, Gen.Constant<string?>(null)),
        (4, Gen.Elements<string?>("Service desk", "Messaging")));

    /// <summary>Persons: often none (the group's queue), sometimes blank, else one of two agents.</summary>
    public static Gen<string?> Assignee { get; } = Gen.Frequency(
        (3, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>(string.Empty)),
        (3, Gen.Elements<string?>("bob", "carol")));

    /// <summary>Assign (weight 2) and Unassign (weight 1) steps from random actors.</summary>
    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (2, from w in ModelGens.Who from g in Group from a in Assignee select (ModelStep)new AssignStep(w, g, a)),
        (1, from w in ModelGens.Who select (ModelStep)new UnassignStep(w)));

    /// <summary>Assign's arguments: at least one named (else <c>group</c>), and a named one not blank.</summary>
    public static Arguments Check(Arguments arguments, AssignStep step) => arguments
        .Check(step.Group is not null || step.Assignee is not null, "group")
        .Check(step.Group is null || !string.IsNullOrWhiteSpace(step.Group), "group")
        .Check(step.Assignee is null || !string.IsNullOrWhiteSpace(step.Assignee), "assignee");

    /// <summary>Assign's rule: <paramref name="unchangedCode"/> when the assignment is already exactly that.</summary>
    public static Func<string?> AssignRule(AssignStep step, string? group, string? assignee, string unchangedCode) =>
        () => step.Group == group && step.Assignee == assignee ? unchangedCode : null;

    /// <summary>Unassign's rule: <paramref name="nothingCode"/> when nothing is assigned.</summary>
    public static Func<string?> UnassignRule(string? group, string? assignee, string nothingCode) =>
        () => group is null && assignee is null ? nothingCode : null;
}

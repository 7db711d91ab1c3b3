using System;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;
using Itsm.Services;
using NodaTime;
using NodaTime.Testing;

namespace Itsm.Testing;

/// <summary>
/// One command of a generated incident history: which command, who issues it, how long after the
/// previous step, and its arguments. Every argument is valid on its own; whether the incident accepts
/// the command depends on its state and rules (a refused command changes nothing).
/// </summary>
/// <param name="Command">The command. <see cref="IncidentCommand.AttachToParent"/> needs a second incident and is never generated.</param>
/// <param name="After">How long after the previous step the command is issued (not negative).</param>
/// <param name="Actor">Who issues it (sometimes the caller, so that <see cref="IncidentCommand.Reopen"/> can be accepted).</param>
/// <param name="Text">The group, assignee, comment, notes, reason, manager or id the command takes (non-blank).</param>
/// <param name="OnHoldReason">The reason, for <see cref="IncidentCommand.PutOnHold"/>.</param>
/// <param name="ResolutionCode">The code, for <see cref="IncidentCommand.Resolve"/>.</param>
/// <param name="Impact">The new impact, for <see cref="IncidentCommand.ChangeImpactOrUrgency"/>.</param>
/// <param name="Urgency">The new urgency, for <see cref="IncidentCommand.ChangeImpactOrUrgency"/>.</param>
public sealed record IncidentCommandStep(
    IncidentCommand Command,
    Duration After,
    Actor Actor,
    string Text,
    OnHoldReason OnHoldReason,
    IncidentResolutionCode ResolutionCode,
    Impact Impact,
    Urgency Urgency)
{
    /// <summary>
    /// For <see cref="IncidentCommand.ChangeService"/> and <see cref="IncidentCommand.AssignToSupplier"/>: clear
    /// the field instead of setting it to <see cref="Text"/>; for <see cref="IncidentCommand.PutOnHold"/> and
    /// <see cref="IncidentCommand.ChangeHoldReason"/> awaiting a vendor: name no supplier instead of <see cref="Text"/>.
    /// </summary>
    public bool Clears { get; init; }

    // The typed ids a step names: its text, unless it clears.
    private ServiceId? ServiceArgument => Clears ? null : new ServiceId(Text);

    // A journal step logs a quarter of an hour: the step carries no duration of its own.
    private static Duration TimeWorked => Duration.FromMinutes(15);

    private SupplierId? SupplierArgument => Clears ? null : new SupplierId(Text);

    private SupplierId? HoldSupplier => OnHoldReason == OnHoldReason.AwaitingVendor ? SupplierArgument : null;

    /// <summary>
    /// Moves <paramref name="clock"/> forward by <see cref="After"/>, then issues the command to
    /// <paramref name="incident"/>.
    /// </summary>
    /// <param name="incident">The incident (whose clock is <paramref name="clock"/>).</param>
    /// <param name="clock">The incident's clock.</param>
    /// <returns>
    /// <see langword="true"/> when the incident accepted the command (its version rose by one);
    /// <see langword="false"/> when it refused it with <see cref="InvalidTransitionException"/> or
    /// <see cref="DomainRuleViolationException"/> (nothing changed).
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public bool TryApply(Incident incident, FakeClock clock)
    {
        Guard.Against.Null(incident);
        Guard.Against.Null(clock);
        if (After > Duration.Zero)
        {
            clock.Advance(After);
        }

        try
        {
            Apply(incident);
            return true;
        }
        catch (InvalidTransitionException)
        {
            return false;
        }
        catch (DomainRuleViolationException)
        {
            return false;
        }
    }

    private void Apply(Incident incident)
    {
        switch (Command)
        {
            case IncidentCommand.Assign: incident.Assign(Actor, new SupportGroupId(Text), Actor.Id); break;
            case IncidentCommand.PutOnHold: incident.PutOnHold(Actor, OnHoldReason, Text, HoldSupplier); break;
            case IncidentCommand.Resume: incident.Resume(Actor); break;
            case IncidentCommand.RecordCallerResponse: incident.RecordCallerResponse(Actor, Text); break;
            case IncidentCommand.Resolve: incident.Resolve(Actor, ResolutionCode, Text); break;
            case IncidentCommand.Reopen: incident.Reopen(Actor, Text); break;
            case IncidentCommand.Close: incident.Close(Actor); break;
            case IncidentCommand.Cancel: incident.Cancel(Actor, Text); break;
            case IncidentCommand.ChangeImpactOrUrgency: incident.ChangeImpactOrUrgency(Actor, Impact, Urgency); break;
            case IncidentCommand.EscalateFunctionally: incident.EscalateFunctionally(Actor, new SupportGroupId(Text), "escalated"); break;
            case IncidentCommand.EscalateHierarchically: incident.EscalateHierarchically(Actor, Text, "escalated"); break;
            case IncidentCommand.PromoteToMajor: incident.PromoteToMajor(Actor, Text); break;
            case IncidentCommand.DemoteFromMajor: incident.DemoteFromMajor(Actor, Text); break;
            case IncidentCommand.RecordPostIncidentReview: incident.RecordPostIncidentReview(Actor, Text); break;
            case IncidentCommand.LinkCausedByChange: incident.LinkCausedByChange(Actor, Text); break;
            case IncidentCommand.LinkProblem: incident.LinkProblem(Actor, Text); break;
            case IncidentCommand.Unassign: incident.Unassign(Actor); break;
            case IncidentCommand.StartWork: incident.StartWork(Actor); break;
            case IncidentCommand.ChangeHoldReason: incident.ChangeHoldReason(Actor, OnHoldReason, Text, HoldSupplier); break;
            case IncidentCommand.ChangeService: incident.ChangeService(Actor, ServiceArgument); break;
            case IncidentCommand.AddConfigurationItem: incident.AddConfigurationItem(Actor, new ConfigurationItemId(Text)); break;
            case IncidentCommand.RemoveConfigurationItem: incident.RemoveConfigurationItem(Actor, new ConfigurationItemId(Text)); break;
            case IncidentCommand.AssignToSupplier: incident.AssignToSupplier(Actor, SupplierArgument); break;
            case IncidentCommand.AddWorkNote: incident.AddWorkNote(Actor, Text); break;
            case IncidentCommand.AddComment: incident.AddComment(Actor, Text); break;
            case IncidentCommand.LogTime: incident.LogTime(Actor, TimeWorked, Text); break;
            default: throw new InvalidOperationException($"The command {Command} cannot be replayed by a step.");
        }
    }

    /// <summary>
    /// The step as the typed command a host's endpoint hands to the engine (for example
    /// <see cref="ResolveIncident"/> for <see cref="IncidentCommand.Resolve"/>), with the same arguments
    /// <see cref="TryApply"/> passes to the incident's method.
    /// </summary>
    /// <returns>The command.</returns>
    public RecordCommand<Incident> ToCommand() => Command switch
    {
        IncidentCommand.Assign => new AssignIncident(new SupportGroupId(Text), Actor.Id),
        IncidentCommand.PutOnHold => new PutIncidentOnHold(OnHoldReason, Text) { Supplier = HoldSupplier },
        IncidentCommand.Resume => new ResumeIncident(),
        IncidentCommand.RecordCallerResponse => new RecordCallerResponse(Text),
        IncidentCommand.Resolve => new ResolveIncident(ResolutionCode, Text),
        IncidentCommand.Reopen => new ReopenIncident(Text),
        IncidentCommand.Close => new CloseIncident(),
        IncidentCommand.Cancel => new CancelIncident(Text),
        IncidentCommand.ChangeImpactOrUrgency => new ChangeIncidentImpactOrUrgency(Impact, Urgency),
        IncidentCommand.EscalateFunctionally => new EscalateIncidentFunctionally(new SupportGroupId(Text), "escalated"),
        IncidentCommand.EscalateHierarchically => new EscalateIncidentHierarchically(Text, "escalated"),
        IncidentCommand.PromoteToMajor => new PromoteIncidentToMajor(Text),
        IncidentCommand.DemoteFromMajor => new DemoteIncidentFromMajor(Text),
        IncidentCommand.RecordPostIncidentReview => new RecordPostIncidentReview(Text),
        IncidentCommand.LinkCausedByChange => new LinkIncidentToCausingChange(Text),
        IncidentCommand.LinkProblem => new LinkIncidentToProblem(Text),
        IncidentCommand.Unassign => new UnassignIncident(),
        IncidentCommand.StartWork => new StartIncidentWork(),
        IncidentCommand.ChangeHoldReason => new ChangeIncidentHoldReason(OnHoldReason, Text) { Supplier = HoldSupplier },
        IncidentCommand.ChangeService => new ChangeIncidentService(ServiceArgument),
        IncidentCommand.AddConfigurationItem => new AddIncidentConfigurationItem(new ConfigurationItemId(Text)),
        IncidentCommand.RemoveConfigurationItem => new RemoveIncidentConfigurationItem(new ConfigurationItemId(Text)),
        IncidentCommand.AssignToSupplier => new AssignIncidentToSupplier(SupplierArgument),
        IncidentCommand.AddWorkNote => new AddIncidentWorkNote(Text),
        IncidentCommand.AddComment => new AddIncidentComment(Text),
        IncidentCommand.LogTime => new LogIncidentTime(TimeWorked, Text),
        IncidentCommand.TransitionWorkflow => new TransitionIncidentWorkflow(Text),
        _ => throw new InvalidOperationException($"The command {Command} has no typed command a step can build."),
    };

    /// <summary>The step as code-like text, for FsCheck's counterexamples.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Command switch
    {
        IncidentCommand.PutOnHold => $"+{After} {Command}({Actor}, {OnHoldReason}, \"{Text}\")",
        IncidentCommand.Resolve => $"+{After} {Command}({Actor}, {ResolutionCode}, \"{Text}\")",
        IncidentCommand.ChangeImpactOrUrgency => $"+{After} {Command}({Actor}, {Impact}, {Urgency})",
        IncidentCommand.Resume or IncidentCommand.Close => $"+{After} {Command}({Actor})",
        IncidentCommand.ChangeService or IncidentCommand.AssignToSupplier when Clears => $"+{After} {Command}({Actor}, null)",
        _ => $"+{After} {Command}({Actor}, \"{Text}\")",
    };
}

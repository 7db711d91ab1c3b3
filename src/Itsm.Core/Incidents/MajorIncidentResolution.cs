using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;

namespace Itsm.Incidents;

/// <summary>
/// Operations that change several incidents at once: resolving a major incident with its
/// children, and resolving the incidents waiting for a problem. Each incident still gets its own
/// audit entry and version. Everything is checked before anything changes, so either every
/// incident concerned is resolved or none is. Saving the changed records is the caller's: the engine's
/// <c>ItsmEngine.ResolveMajorIncidentAsync</c> and <c>ResolveProblemAsync</c> commit them in one unit of work.
/// </summary>
public static class MajorIncidentResolution
{
    /// <summary>
    /// Resolves a major incident and every open child of it (New, InProgress or OnHold) with
    /// <see cref="IncidentResolutionCode.ResolvedByParent"/>. Children already resolved, closed or
    /// canceled are left as they are.
    /// </summary>
    /// <param name="parent">The major incident.</param>
    /// <param name="children">Its children (the host loads them; each must name <paramref name="parent"/> as its parent).</param>
    /// <param name="actor">Who resolves.</param>
    /// <param name="code">How the parent was resolved.</param>
    /// <param name="notes">Resolution notes; required.</param>
    /// <returns>The children that were resolved.</returns>
    /// <exception cref="ArgumentException">A child is null, does not belong to <paramref name="parent"/>, or is listed twice; or <paramref name="code"/> is undefined.</exception>
    /// <exception cref="InvalidTransitionException">The parent cannot be resolved in its state.</exception>
    /// <exception cref="DomainRuleViolationException"><c>ITSM-INC-MAJOR-005</c>: the parent is not major; or a rule of <see cref="Incident.Resolve"/>.</exception>
    public static IReadOnlyList<Incident> ResolveWithChildren(Incident parent, IEnumerable<Incident> children, Actor actor, IncidentResolutionCode code, string notes)
    {
        // Arguments, then the parent's state, then the rules; nothing changes before all pass.
        Guard.Against.Null(parent);
        Guard.Against.Null(children);
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)code, nameof(code), 1, 9);
        FieldCheck.Length(notes, FieldLimits.Text);
        var list = IncidentBatch.Checked(
            children,
            child => child.ParentId == parent.Id && child.Tenant == parent.Tenant,
            $"Every child must be a child of major incident {parent.Id} in tenant {parent.Tenant}.",
            nameof(children));

        if (!parent.Permits(IncidentCommand.Resolve))
        {
            throw parent.Refuse(IncidentCommand.Resolve);
        }

        if (!parent.IsMajor)
        {
            throw new DomainRuleViolationException("ITSM-INC-MAJOR-005", $"Incident {parent.Id} is not a major incident; resolve it on its own.");
        }

        if (string.IsNullOrWhiteSpace(notes))
        {
            throw new DomainRuleViolationException("ITSM-INC-RESOLVE-001", "Resolving an incident needs resolution notes.");
        }

        var open = list.Where(c => c.Permits(IncidentCommand.Resolve)).ToArray();
        parent.Resolve(actor, code, notes);
        foreach (var child in open)
        {
            child.Resolve(actor, IncidentResolutionCode.ResolvedByParent, $"Resolved with major incident {parent.Id}: {notes}");
        }

        return open;
    }

    /// <summary>
    /// Resolves the incidents on hold awaiting <paramref name="problemId"/> (on hold with
    /// <see cref="OnHoldReason.AwaitingProblem"/> and linked to that problem) with
    /// <see cref="IncidentResolutionCode.ResolvedByProblem"/>: the operation the problem lifecycle
    /// calls when a problem is resolved. Other incidents are left as they are.
    /// </summary>
    /// <param name="tenant">The problem's tenant; every incident must belong to it.</param>
    /// <param name="incidents">Candidate incidents (typically those linked to the problem), each listed once.</param>
    /// <param name="problemId">The resolved problem.</param>
    /// <param name="actor">Who resolves.</param>
    /// <param name="notes">Resolution notes (the problem's resolution); required.</param>
    /// <returns>The incidents resolved.</returns>
    /// <exception cref="ArgumentException">An argument is null or blank, an incident belongs to another tenant, or one is listed twice.</exception>
    public static IReadOnlyList<Incident> ResolveAwaitingProblem(TenantId tenant, IEnumerable<Incident> incidents, string problemId, Actor actor, string notes)
    {
        Guard.Against.NullOrWhiteSpace(tenant.Value, nameof(tenant));
        Guard.Against.Null(incidents);
        FieldCheck.Required(problemId, FieldLimits.Id);
        Guard.Against.Null(actor);
        FieldCheck.Required(notes, FieldLimits.Text);
        var list = IncidentBatch.Checked(incidents, incident => incident.Tenant == tenant, $"Every incident must belong to tenant {tenant}.", nameof(incidents));

        var waiting = list
            .Where(i => i.State == IncidentState.OnHold
                && i.OnHoldReason == OnHoldReason.AwaitingProblem
                && string.Equals(i.RelatedProblem, problemId, StringComparison.Ordinal))
            .ToArray();
        foreach (var incident in waiting)
        {
            incident.Resolve(actor, IncidentResolutionCode.ResolvedByProblem, notes);
        }

        return waiting;
    }
}

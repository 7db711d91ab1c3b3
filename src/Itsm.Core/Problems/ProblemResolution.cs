using System;
using System.Collections.Generic;
using System.Linq;
using Ardalis.GuardClauses;
using Itsm.Common;
using Itsm.Incidents;

namespace Itsm.Problems;

/// <summary>
/// Resolving a problem together with the incidents waiting for it, in one operation (what
/// ServiceNow offers when a problem is resolved). Each record gets its own audit entry and
/// version; everything is checked before anything changes, so either all change or none does.
/// </summary>
public static class ProblemResolution
{
    /// <summary>
    /// Resolves <paramref name="problem"/> and every incident among <paramref name="incidents"/> that
    /// is on hold <see cref="OnHoldReason.AwaitingProblem"/> for it (its <c>RelatedProblem</c> is the
    /// problem's id), through <see cref="MajorIncidentResolution.ResolveAwaitingProblem"/>: each such
    /// incident is resolved with <see cref="IncidentResolutionCode.ResolvedByProblem"/> and notes naming
    /// the problem and its resolution. Other incidents are left as they are.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="incidents">Candidate incidents (typically those in <see cref="Problem.LinkedIncidents"/>, loaded by the host), each listed once, all of the problem's tenant.</param>
    /// <param name="actor">Who resolves.</param>
    /// <param name="code">How the problem was resolved.</param>
    /// <param name="notes">Resolution notes; required.</param>
    /// <returns>The incidents resolved.</returns>
    /// <remarks>
    /// Checked in this order, before anything changes: the arguments (an incident that is null,
    /// of another tenant or listed twice is an <see cref="ArgumentException"/> naming
    /// <paramref name="incidents"/>), then the problem's state, then the rules of
    /// <see cref="Problem.Resolve"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">An argument is null or undefined, or an incident is null, of another tenant or listed twice.</exception>
    /// <exception cref="InvalidTransitionException">The problem cannot be resolved in its state.</exception>
    /// <exception cref="DomainRuleViolationException">A rule of <see cref="Problem.Resolve"/> (<c>ITSM-PRB-RESOLVE-001</c>, <c>ITSM-PRB-RESOLVE-002</c>).</exception>
    public static IReadOnlyList<Incident> ResolveWithIncidents(Problem problem, IEnumerable<Incident> incidents, Actor actor, ProblemResolutionCode code, string notes)
    {
        Guard.Against.Null(problem);
        Guard.Against.Null(incidents);
        Guard.Against.Null(actor);
        Guard.Against.OutOfRange((int)code, nameof(code), 1, 4);
        var list = IncidentBatch.Checked(incidents, incident => incident.Tenant == problem.Tenant, $"Every incident must belong to tenant {problem.Tenant}.", nameof(incidents));

        if (!problem.Permits(ProblemCommand.Resolve))
        {
            throw problem.Refuse(ProblemCommand.Resolve);
        }

        problem.CheckResolveRules(code, notes);

        problem.Resolve(actor, code, notes);
        return MajorIncidentResolution.ResolveAwaitingProblem(
            problem.Tenant, list, problem.Id.ToString(), actor, $"Resolved with problem {problem.Id} ({code}): {notes}");
    }
}

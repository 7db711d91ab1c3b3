using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.Common;
using P = Itsm.Services.Practices;
using Itsm.Text;

namespace Itsm.Services;

/// <summary>
/// A value stream: the ordered steps an organization takes to create value in one scenario (for
/// example restoring a service after an incident), each mapped to a value chain activity and the
/// practices that perform it. Validated when created; immutable.
/// </summary>
public sealed class ValueStream
{
    /// <summary>The stable code of an invalid value stream.</summary>
    public const string InvalidCode = "ITSM-SVC-VALUESTREAM-001";

    /// <summary>Creates and validates a value stream.</summary>
    /// <param name="name">A non-blank, unique name.</param>
    /// <param name="steps">The steps, in order.</param>
    /// <exception cref="DomainRuleViolationException">Code <see cref="InvalidCode"/>: the name is blank, there are no steps, a step is null, or two steps share a name (ignoring case); every problem is listed.</exception>
    public ValueStream(string name, IEnumerable<ValueStreamStep> steps)
    {
        var list = steps?.ToArray() ?? [];
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name: must not be empty.");
        }

        if (list.Length == 0)
        {
            errors.Add("steps: a value stream needs at least one step.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                errors.Add($"steps[{i}]: must not be null.");
            }
            else if (!seen.Add(list[i].Name))
            {
                errors.Add($"steps[{i}]: the step name '{list[i].Name}' appears more than once.");
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainRuleViolationException(InvalidCode, ErrorList.Format(string.IsNullOrWhiteSpace(name) ? "value stream" : $"value stream '{QuotedText.Of(name)}'", errors));
        }

        Name = name;
        Steps = list;
    }

    /// <summary>
    /// The built-in stream "Restore a service": an incident from detection to closure (engage,
    /// deliver and support, improve), performed by the service desk, incident management, problem
    /// management and continual improvement.
    /// </summary>
    public static ValueStream RestoreService { get; } = new("Restore a service",
    [
        new("Detect and report", ValueChainActivity.Engage, P.ServiceDesk, P.MonitoringAndEventManagement),
        new("Log and classify", ValueChainActivity.Engage, P.ServiceDesk, P.IncidentManagement),
        new("Investigate and diagnose", ValueChainActivity.DeliverAndSupport, P.IncidentManagement),
        new("Restore the service", ValueChainActivity.DeliverAndSupport, P.IncidentManagement),
        new("Confirm with the user and close", ValueChainActivity.Engage, P.ServiceDesk, P.IncidentManagement),
        new("Learn and prevent recurrence", ValueChainActivity.Improve, P.ProblemManagement, P.ContinualImprovement),
    ]);

    /// <summary>
    /// The built-in stream "Deploy a change": from a request for change to its review (plan,
    /// design and transition, obtain/build, deliver and support, improve), performed by change
    /// enablement, release and deployment management, and continual improvement.
    /// </summary>
    public static ValueStream DeployChange { get; } = new("Deploy a change",
    [
        new("Request and assess the change", ValueChainActivity.Plan, P.ChangeEnablement),
        new("Authorize and schedule", ValueChainActivity.DesignAndTransition, P.ChangeEnablement),
        new("Build and test", ValueChainActivity.ObtainBuild, P.ReleaseManagement),
        new("Deploy", ValueChainActivity.DesignAndTransition, P.DeploymentManagement, P.ChangeEnablement),
        new("Support in early life", ValueChainActivity.DeliverAndSupport, P.IncidentManagement, P.ServiceDesk),
        new("Review the change", ValueChainActivity.Improve, P.ChangeEnablement, P.ContinualImprovement),
    ]);

    /// <summary>The stream's name.</summary>
    public string Name { get; }

    /// <summary>The steps, in order; never empty.</summary>
    public IReadOnlyList<ValueStreamStep> Steps { get; }

    /// <summary>The value chain activities the stream passes through, in order of first appearance.</summary>
    public IReadOnlyList<ValueChainActivity> Activities => Steps.Select(s => s.Activity).Distinct().ToArray();

    /// <summary>The practices that perform any step, in order of first appearance.</summary>
    public IReadOnlyList<string> Practices => Steps.SelectMany(s => s.Practices).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The stream's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

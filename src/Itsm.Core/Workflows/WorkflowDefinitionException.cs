using System;
using System.Collections.Generic;
using System.Linq;

namespace Itsm.Workflows;

/// <summary>
/// A workflow definition (built in code or read from JSON) is not valid: <see cref="Problems"/> lists every
/// problem found, not only the first, so a definition is fixed in one pass.
/// </summary>
public sealed class WorkflowDefinitionException : ArgumentException
{
    /// <summary>The most problems the message lists (every one is in <see cref="Problems"/>).</summary>
    private const int ListedInMessage = 20;

    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The problems; at least one.</param>
    /// <param name="paramName">The argument that held the definition.</param>
    public WorkflowDefinitionException(IReadOnlyList<WorkflowProblem> problems, string? paramName = null)
        : base(Describe(problems), paramName)
    {
        Problems = problems;
    }

    /// <summary>Every problem of the definition.</summary>
    public IReadOnlyList<WorkflowProblem> Problems { get; }

    private static string Describe(IReadOnlyList<WorkflowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var listed = problems.Take(ListedInMessage).Select(p => "- " + p);
        var more = problems.Count > ListedInMessage ? $"\n- and {problems.Count - ListedInMessage} more" : string.Empty;
        return $"The workflow definition has {problems.Count} problem(s):\n{string.Join("\n", listed)}{more}";
    }
}

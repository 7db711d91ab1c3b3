using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Problems;

/// <summary>
/// A known error: a problem whose root cause is documented and for which a workaround exists
/// (ITIL). Created once by <see cref="Problem.MarkAsKnownError"/> and exposed as
/// <see cref="Problem.KnownError"/>; a host offers <see cref="Workaround"/> to the incidents in
/// <see cref="Problem.LinkedIncidents"/> (and to new incidents matching <see cref="Symptom"/>).
/// </summary>
/// <param name="ProblemId">The problem the known error belongs to.</param>
/// <param name="Symptom">How the error shows itself to users, for matching new incidents.</param>
/// <param name="RootCause">The problem's root cause (kept current by <see cref="Problem.RecordRootCause"/>).</param>
/// <param name="Workaround">The workaround (kept current by <see cref="Problem.DocumentWorkaround"/>).</param>
/// <param name="AffectedItems">The services or configuration items affected, as given (possibly none).</param>
public sealed record KnownError(
    ProblemId ProblemId,
    string Symptom,
    string RootCause,
    string Workaround,
    IReadOnlyList<string> AffectedItems);

using System.Collections.Generic;

namespace Itsm.Testing;

/// <summary>What a <see cref="LifecycleRunner"/> run did, once every step agreed with the model.</summary>
/// <param name="FinalState">The record's state after the last step (as the record index holds it); <see langword="null"/> when the authorizer refused the creation.</param>
/// <param name="FinalVersion">Its version after the last step (0 when it was never created).</param>
/// <param name="Accepted">How many commands the record accepted, the creation included.</param>
/// <param name="Refused">How many the record refused (its state or a rule).</param>
/// <param name="Unauthorized">How many the authorizer refused.</param>
/// <param name="States">The states the record went through, in order, each once, starting with the creation's.</param>
public sealed record LifecycleRun(string? FinalState, long FinalVersion, int Accepted, int Refused, int Unauthorized, IReadOnlyList<string> States);

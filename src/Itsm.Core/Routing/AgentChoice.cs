using System.Collections.Generic;

namespace Itsm.Routing;

/// <summary>The person an <see cref="AgentSelector"/> strategy chose inside a group, and why.</summary>
/// <param name="Agent">The member chosen, or <see langword="null"/> when no member was eligible.</param>
/// <param name="Cursor">The round-robin cursor to persist for the group's next choice (unchanged when nobody was chosen).</param>
/// <param name="Tied">The eligible members the final turn-taking chose among, sorted (for least-loaded, those with the least load).</param>
/// <param name="Explanation">The choice as a sentence, for an audit entry or a work note.</param>
public sealed record AgentChoice(string? Agent, RoundRobinCursor Cursor, IReadOnlyList<string> Tied, string Explanation);

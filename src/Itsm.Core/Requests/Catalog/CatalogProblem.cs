namespace Itsm.Requests;

/// <summary>One reason a request's answers do not fit its catalog item.</summary>
/// <param name="Code">The stable code of the broken rule (a <see cref="CatalogProblemCodes"/> constant), for a host to map to a form message.</param>
/// <param name="Variable">The variable the problem is about (for <see cref="CatalogProblemCodes.Unknown"/>, the name given).</param>
/// <param name="Message">The problem as a sentence; it quotes a bad value at most in part (docs/limits.md).</param>
public sealed record CatalogProblem(string Code, string Variable, string Message)
{
    /// <summary>The problem as <c>variable: message (code)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Variable}: {Message} ({Code})";
}

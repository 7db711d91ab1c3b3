namespace Itsm.Governance;

/// <summary>One ITIL 4 guiding principle as a reference entry: its value, its name as ITIL writes it, and a short description.</summary>
/// <param name="Principle">The principle.</param>
/// <param name="Name">Its name as ITIL 4 writes it, for example <c>"Focus on value"</c>.</param>
/// <param name="Description">What it asks for, in one sentence.</param>
public sealed record GuidingPrincipleInfo(GuidingPrinciple Principle, string Name, string Description);

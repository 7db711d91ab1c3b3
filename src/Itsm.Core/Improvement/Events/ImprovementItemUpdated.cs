using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An open improvement item's title, baseline and target were revised.</summary>
/// <remarks>Audit entry: command <c>Update</c>; data keys <c>title</c>, <c>baseline</c>, <c>target</c>, <c>principles</c> (the cited principles' names joined with a comma and a space, empty when the update cleared them; left out when the update kept them).</remarks>
/// <param name="Title">The title.</param>
/// <param name="Baseline">The baseline.</param>
/// <param name="Target">The target.</param>

public sealed record ImprovementItemUpdated(string Title, decimal Baseline, decimal Target) : DomainEvent
{
    /// <summary>The guiding principles the item cites from now on, in ITIL's order (empty: none); <see langword="null"/> when the update kept the earlier ones.</summary>
    public IReadOnlyList<Governance.GuidingPrinciple>? Principles { get; init; }

    /// <inheritdoc/>
    public bool Equals(ImprovementItemUpdated? other) =>
        other is not null && Title == other.Title && Baseline == other.Baseline && Target == other.Target
        && (Principles is null ? other.Principles is null : other.Principles is not null && System.Linq.Enumerable.SequenceEqual(Principles, other.Principles));

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Title, Baseline, Target, Principles?.Count);

    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Update";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("baseline", Baseline.ToString(CultureInfo.InvariantCulture)), ("target", Target.ToString(CultureInfo.InvariantCulture)), ("principles", Principles is null ? null : Governance.GuidingPrinciples.AuditText(Principles)));

    internal static ImprovementItemUpdated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemUpdated(r.Required("title"), r.Decimal("baseline"), r.Decimal("target"));
        if (r.Optional("principles") is not { } text)
        {
            return r.Ok ? read : null;
        }

        var principles = Governance.GuidingPrinciples.FromAuditText(text);
        return r.Ok && principles is not null ? read with { Principles = principles } : null;
    }
}

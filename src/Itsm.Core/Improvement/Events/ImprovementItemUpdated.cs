using System.Collections.Generic;
using System.Globalization;
using Itsm.Common;

namespace Itsm.Improvement;

/// <summary>An open improvement item's title, baseline and target were revised.</summary>
/// <remarks>Audit entry: command <c>Update</c>; data keys <c>title</c>, <c>baseline</c>, <c>target</c> (a null value is left out).</remarks>
/// <param name="Title">The title.</param>
/// <param name="Baseline">The baseline.</param>
/// <param name="Target">The target.</param>

public sealed record ImprovementItemUpdated(string Title, decimal Baseline, decimal Target) : DomainEvent
{
    /// <summary>The command name the audit log records for this event.</summary>
    internal const string CommandName = "Update";

    internal override string Command => CommandName;

    internal override IReadOnlyDictionary<string, string> ToAuditData() => AuditData.Of(("title", Title), ("baseline", Baseline.ToString(CultureInfo.InvariantCulture)), ("target", Target.ToString(CultureInfo.InvariantCulture)));

    internal static ImprovementItemUpdated? Read(IReadOnlyDictionary<string, string> data)
    {
        var r = new AuditDataReader(data);
        var read = new ImprovementItemUpdated(r.Required("title"), r.Decimal("baseline"), r.Decimal("target"));
        return r.Ok ? read : null;
    }
}

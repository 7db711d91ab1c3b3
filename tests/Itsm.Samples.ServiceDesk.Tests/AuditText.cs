using System.Linq;
using Itsm.Common;

namespace Itsm.Samples.ServiceDesk.Tests;

internal static class AuditText
{
    /// <summary>Every field of an entry, data sorted by key, as one comparable line.</summary>
    public static string Of(AuditEntry e) =>
        $"{e.Tenant}|{e.RecordType}|{e.RecordId}|{e.Version}|{e.At}|{e.Actor.Id}|{string.Join(",", e.Actor.Roles)}|{e.Command}|{e.FromState}|{e.ToState}|"
        + string.Join(";", e.Data.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}

using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>Builds the data of an audit entry: text values, nulls left out.</summary>
internal static class AuditData
{
    /// <summary>The data of an event that carries none (shared: audit data is read-only).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Empty = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    internal static IReadOnlyDictionary<string, string> Of(params (string Key, string? Value)[] items)
    {
        var data = new Dictionary<string, string>(items.Length);
        foreach (var (key, value) in items)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

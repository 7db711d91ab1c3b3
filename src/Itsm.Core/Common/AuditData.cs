using System.Collections.Generic;
using System.Globalization;

namespace Itsm.Common;

/// <summary>Builds the data of an audit entry: text values, nulls left out.</summary>
internal static class AuditData
{
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

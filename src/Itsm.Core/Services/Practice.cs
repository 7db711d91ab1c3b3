using System;
using System.Collections.Generic;
using Itsm.Common;

namespace Itsm.Services;

/// <summary>A management practice (for example incident management), its process owner, and the KPIs it is judged by.</summary>
public sealed record Practice
{
    /// <summary>Creates a practice.</summary>
    /// <param name="name">A unique, non-blank name; the names in <see cref="Practices"/> are the standard ones.</param>
    /// <param name="processOwner">The process owner (a person's id), accountable for the practice being fit for purpose.</param>
    /// <param name="kpis">The names of the KPIs it is judged by; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The name or process owner is blank, or a KPI name is null or blank.</exception>
    public Practice(string name, string processOwner, IEnumerable<string>? kpis = null)
    {
        Name = Names.Required(name, nameof(name));
        ProcessOwner = Names.Required(processOwner, nameof(processOwner));
        Kpis = Names.Normalize(kpis, nameof(kpis));
    }

    /// <summary>The practice's unique name.</summary>
    public string Name { get; }

    /// <summary>The process owner.</summary>
    public string ProcessOwner { get; }

    /// <summary>The names of the KPIs it is judged by, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Kpis { get; }
}

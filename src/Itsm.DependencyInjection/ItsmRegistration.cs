using System;
using System.Collections.Generic;

namespace Itsm.DependencyInjection;

/// <summary>What the builder chose that the options validator must check (one per service collection).</summary>
internal sealed class ItsmRegistration
{
    internal string? StoreDescription { get; set; }

    internal List<Func<IEnumerable<string>>> StoreChecks { get; } = [];
}

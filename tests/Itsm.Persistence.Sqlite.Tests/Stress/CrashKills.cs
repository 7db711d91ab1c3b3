using System;
using System.Globalization;

namespace Itsm.Persistence.Sqlite.Tests.Stress;

/// <summary>
/// How many times the multi-process crash tests kill their worker: a modest number by default, so CI stays
/// fast; the environment variable <c>ITSM_CRASH_KILLS</c> raises it for a long run (docs/sqlite-store.md).
/// </summary>
internal static class CrashKills
{
    public const string Variable = "ITSM_CRASH_KILLS";

    public const int Default = 30;

    public static int Count =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var kills) && kills > 0
                ? kills
                : throw new InvalidOperationException($"{Variable}='{text}' is not a positive number of kills.")
            : Default;
}

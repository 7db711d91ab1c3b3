using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Itsm.BusinessTime;

/// <summary>
/// Argument checks for this package, which depends on NodaTime alone. They throw exactly what
/// <c>Ardalis.GuardClauses</c> 5 throws (the rest of Itsm uses it): the same exception types, messages
/// and parameter names, so a host sees the same errors from every package. The throws live in
/// separate methods so the checks stay small enough to inline (NodaTime's <c>Preconditions</c> does the same).
/// </summary>
internal static class Preconditions
{
    /// <summary>Returns <paramref name="value"/>, or throws <see cref="ArgumentNullException"/> naming the parameter.</summary>
    internal static T CheckNotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        if (value is null)
        {
            ThrowNull(paramName);
        }

        return value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> ("Input {paramName} was out of range") unless <paramref name="min"/> &lt;= <paramref name="value"/> &lt;= <paramref name="max"/>.</summary>
    internal static void CheckInRange(int value, string paramName, int min, int max)
    {
        if (value < min || value > max)
        {
            ThrowOutOfRange(paramName);
        }
    }

    [DoesNotReturn]
    private static void ThrowNull(string? paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    private static void ThrowOutOfRange(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, $"Input {paramName} was out of range");
}

using System;

namespace Itsm.Hosting;

/// <summary>How a handler's failure is recorded on a parked entry.</summary>
internal static class FeedFailure
{
    /// <summary>The parking reason: the exception's type and message (the store keeps its first <see cref="Persistence.ParkedEvent.MaxReasonLength"/> characters).</summary>
    public static string Reason(Exception failure) => $"{failure.GetType().FullName}: {failure.Message}";
}

using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// Which records of one tenant to list. Every filter that is set must hold (they combine with AND);
/// string filters compare ordinally (case-sensitive). Results come ordered by
/// <see cref="RecordIndex.OpenedAt"/>, then record type, then id (ordinal).
/// </summary>
/// <remarks>
/// The due list of a host is <c>new RecordQuery { OpenOnly = true, WithSlaDueOnly = true }</c>:
/// every open ticket with a running SLA clock and its next due instant.
/// </remarks>
public sealed record RecordQuery
{
    /// <summary>Only records of this type (for example <c>"Incident"</c>); <see langword="null"/> for all types.</summary>
    public string? RecordType { get; init; }

    /// <summary>Only records in this state; <see langword="null"/> for any state.</summary>
    public string? State { get; init; }

    /// <summary>Only records of this service; <see langword="null"/> for any.</summary>
    public string? Service { get; init; }

    /// <summary>Only records assigned to this group; <see langword="null"/> for any.</summary>
    public string? AssignmentGroup { get; init; }

    /// <summary>Only open records.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>Only records with an SLA due instant.</summary>
    public bool WithSlaDueOnly { get; init; }

    /// <summary>Only records whose SLA due instant is before this instant (implies <see cref="WithSlaDueOnly"/>).</summary>
    public Instant? SlaDueBefore { get; init; }

    /// <summary>The most rows to return; <see langword="null"/> for all. Must be positive when set.</summary>
    public int? Limit { get; init; }
}

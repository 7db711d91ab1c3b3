using Itsm.Common;
using NodaTime;

namespace Itsm.Persistence;

/// <summary>
/// A save was refused because one of its <see cref="ResourceReservation"/>s overlaps a reservation
/// another record of the tenant holds. Nothing was written. Retrying the same save fails again until
/// the other record releases the resource or one of the windows moves.
/// </summary>
public sealed class ReservationConflictException : PersistenceException
{
    /// <summary>The stable code of this error.</summary>
    public const string ErrorCode = "ITSM-PERSIST-RESERVATION-001";

    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="recordType">The record whose save was refused: its type.</param>
    /// <param name="recordId">Its id.</param>
    /// <param name="reservation">Its reservation that conflicts.</param>
    /// <param name="otherRecordType">The record holding the conflicting reservation: its type.</param>
    /// <param name="otherRecordId">Its id.</param>
    /// <param name="otherWindow">The conflicting reservation's window.</param>
    public ReservationConflictException(TenantId tenant, string recordType, string recordId, ResourceReservation reservation, string otherRecordType, string otherRecordId, Interval otherWindow)
        : base(ErrorCode, $"{Itsm.Text.QuotedText.Of(recordType)} '{Itsm.Text.QuotedText.Of(recordId)}' of tenant '{Itsm.Text.QuotedText.Of(tenant.ToString())}' cannot reserve {Itsm.Text.QuotedText.Of(reservation?.Resource)} for {reservation?.Window}: {Itsm.Text.QuotedText.Of(otherRecordType)} '{Itsm.Text.QuotedText.Of(otherRecordId)}' holds it for {otherWindow}.")
    {
        Tenant = tenant;
        RecordType = recordType;
        RecordId = recordId;
        Reservation = reservation!;
        OtherRecordType = otherRecordType;
        OtherRecordId = otherRecordId;
        OtherWindow = otherWindow;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The type of the record whose save was refused.</summary>
    public string RecordType { get; }

    /// <summary>The id of the record whose save was refused.</summary>
    public string RecordId { get; }

    /// <summary>The reservation that conflicts.</summary>
    public ResourceReservation Reservation { get; }

    /// <summary>The type of the record holding the resource.</summary>
    public string OtherRecordType { get; }

    /// <summary>The id of the record holding the resource.</summary>
    public string OtherRecordId { get; }

    /// <summary>The window the other record holds.</summary>
    public Interval OtherWindow { get; }
}

namespace Itsm.ServiceModelRecords;

/// <summary>
/// The id of a tenant's stored service model. A tenant has one model, so the type has one value
/// (<see cref="Only"/>, which is also <see langword="default"/>); its text is <c>service-model</c>.
/// </summary>
public readonly record struct ServiceModelRecordId
{
    /// <summary>The record id as stores hold it.</summary>
    public const string Text = "service-model";

    /// <summary>The one id (equal to <see langword="default"/>).</summary>
    public static ServiceModelRecordId Only => default;

    /// <summary>The id as text: <see cref="Text"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}

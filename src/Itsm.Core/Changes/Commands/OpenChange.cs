using System;
using System.Collections.Generic;
using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>Opens (logs) a new change in state New, requested by the actor, under the engine's change authority policy.</summary>
/// <remarks>Runs <see cref="Change.Open"/>; its audit entry's command is <c>Open</c>.</remarks>
/// <param name="Type">Its type (a standard change comes from a pre-authorised template).</param>
/// <param name="ShortDescription">A short description.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="Services">The services it touches.</param>
/// <param name="ConfigurationItems">The configuration items it touches (together with the services, at least one).</param>
/// <param name="ImplementerId">The planned implementer's id, if known; they may not approve it.</param>
/// <param name="Rejection">Where a rejection leads.</param>
public sealed record OpenChange(ChangeType Type, string ShortDescription, string Plan, IReadOnlyList<string> Services, IReadOnlyList<string> ConfigurationItems, string? ImplementerId = null, RejectionPolicy Rejection = RejectionPolicy.ReturnToNew) : CreateCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "Open";

    /// <summary>Creates the record: the engine passes its key, the actor, its clock and its settings.</summary>
    internal Change Create(TenantId tenant, ChangeId id, Actor actor, IClock clock, ChangeAuthorityPolicy options) =>
        Change.Open(tenant, id, Type, actor, ShortDescription, Plan, Services, ConfigurationItems, clock, ImplementerId, Rejection, options);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Type.ToString()).Add(ShortDescription).Add(Plan).Add(Services is not null).Add(Services ?? Array.Empty<string>()).Add(ConfigurationItems is not null).Add(ConfigurationItems ?? Array.Empty<string>()).Add(ImplementerId).Add(Rejection.ToString());
}

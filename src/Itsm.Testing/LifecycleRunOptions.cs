using System;
using Itsm.Common;

namespace Itsm.Testing;

/// <summary>Settings of a <see cref="LifecycleRunner"/> run.</summary>
public sealed record LifecycleRunOptions
{
    /// <summary>
    /// The host's authorization rule, stated independently of its <see cref="Itsm.Engine.IItsmAuthorizer"/>:
    /// whether the actor may run the command (the creating one included). When set, the runner fails a step
    /// where the engine's authorizer decided otherwise. <see langword="null"/> (the default) checks only that
    /// a command the authorizer refuses writes nothing.
    /// </summary>
    public Func<Actor, ItsmCommand, bool>? ExpectAuthorized { get; init; }
}

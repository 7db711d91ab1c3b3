using Itsm.Common;
using NodaTime;

namespace Itsm.Changes;

/// <summary>Replaces a change's planned window and voids every approval.</summary>
/// <remarks>Runs <see cref="Change.EditWindow"/>; its audit entry's command is <c>EditWindow</c>.</remarks>
/// <param name="Window">The new window, with a start and an end, not empty.</param>
public sealed record EditChangeWindow(Interval Window) : RecordCommand<Change>
{
    /// <inheritdoc/>
    public override string RecordType => Change.RecordType;

    /// <inheritdoc/>
    public override string Name => "EditWindow";

    internal override void Run(Change record, Actor actor) => record.EditWindow(actor, Window);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Window.ToString());
}

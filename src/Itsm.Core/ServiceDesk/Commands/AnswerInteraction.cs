using Itsm.Common;

namespace Itsm.ServiceDesk;

/// <summary>Answers a logged interaction's question on first contact (counted as a first-contact resolution).</summary>
/// <remarks>Runs <see cref="Interaction.AnswerOnFirstContact"/>; its audit entry's command is <c>Answer</c>.</remarks>
/// <param name="Answer">The answer given.</param>
public sealed record AnswerInteraction(string Answer) : RecordCommand<Interaction>
{
    /// <inheritdoc/>
    public override string RecordType => Interaction.RecordType;

    /// <inheritdoc/>
    public override string Name => "Answer";

    internal override void Run(Interaction record, Actor actor) => record.AnswerOnFirstContact(actor, Answer);

    internal override void WriteArguments(CommandArguments arguments) => arguments.Add(Answer);
}

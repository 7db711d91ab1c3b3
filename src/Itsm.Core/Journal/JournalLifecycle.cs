using Stateless;

namespace Itsm.Journal;

/// <summary>
/// Where a ticket's journal is open: each ticket type's lifecycle permits its three journal commands as
/// re-entries (the state does not change) in every state that is not final (docs/journal.md).
/// </summary>
internal static class JournalLifecycle
{
    /// <summary>Permits <paramref name="addWorkNote"/>, <paramref name="addComment"/> and <paramref name="logTime"/> in each of <paramref name="states"/>, leaving the state as it is.</summary>
    internal static void Permit<TState, TCommand>(StateMachine<TState, TCommand> machine, TState[] states, TCommand addWorkNote, TCommand addComment, TCommand logTime)
    {
        foreach (var state in states)
        {
            machine.Configure(state)
                .PermitReentry(addWorkNote)
                .PermitReentry(addComment)
                .PermitReentry(logTime);
        }
    }
}

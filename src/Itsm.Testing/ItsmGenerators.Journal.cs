using System;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Common;
using NodaTime;

namespace Itsm.Testing;

// The journal commands every ticket type shares (docs/journal.md), with valid arguments.
public static partial class ItsmGenerators
{
    /// <summary>A work note, a comment, or 1 minute to 8 hours of time worked (with or without a note), as one ticket type's typed commands.</summary>
    internal static Gen<RecordCommand<TRecord>> JournalCommands<TRecord>(
        Func<string, RecordCommand<TRecord>> workNote,
        Func<string, RecordCommand<TRecord>> comment,
        Func<Duration, string?, RecordCommand<TRecord>> time)
        where TRecord : class =>
        Gen.OneOf(
            Gen.Elements("Checked the logs", "Called the vendor").Select(workNote),
            Gen.Elements("We are looking into it", "Could you try again now?").Select(comment),
            from minutes in Gen.Choose(1, 8 * 60)
            from note in Gen.Elements<string?>(null, "Diagnosis")
            select time(Duration.FromMinutes(minutes), note));
}

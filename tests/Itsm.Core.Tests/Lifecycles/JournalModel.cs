using System;
using FsCheck;
using FsCheck.Fluent;
using Itsm.Journal;
using NodaTime;

namespace Itsm.Core.Tests.Lifecycles;

/// <summary><c>AddWorkNote(actor, text)</c>.</summary>
public sealed record AddWorkNoteStep(Who Who, string? Text) : ModelStep
{
    public override string ToString() => $"AddWorkNote({Who}, {JournalFields.Q(Text)})";
}

/// <summary><c>AddComment(actor, text)</c>.</summary>
public sealed record AddCommentStep(Who Who, string? Text) : ModelStep
{
    public override string ToString() => $"AddComment({Who}, {JournalFields.Q(Text)})";
}

/// <summary><c>LogTime(actor, duration, note)</c>.</summary>
public sealed record LogTimeStep(Who Who, Duration Duration, string? Note) : ModelStep
{
    public override string ToString() => $"LogTime({Who}, {Duration}, {JournalFields.Q(Note)})";
}

/// <summary>
/// A ticket's journal summary and the argument rules every ticket type shares for its journal commands
/// (docs/journal.md): text required and bounded, time positive, whole seconds, at most 24 hours, a note optional but not blank.
/// </summary>
public sealed record JournalFields(long WorkNotes, long Comments, long TimeEntries, Duration TimeWorked)
{
    public static JournalFields None { get; } = new(0, 0, 0, Duration.Zero);

    private static readonly Gen<Duration> Durations = Gen.Frequency(
        (1, Gen.Elements(Duration.Zero, Duration.FromMinutes(-5), Duration.FromHours(24) + Duration.FromSeconds(1), Duration.FromMilliseconds(1500))),
        (6, Gen.Elements(Duration.FromSeconds(1), Duration.FromMinutes(15), Duration.FromHours(2), Duration.FromHours(24))));

    /// <summary>AddWorkNote, AddComment and LogTime steps from random actors with often invalid arguments.</summary>
    public static Gen<ModelStep> Step { get; } = Gen.Frequency(
        (1, from w in ModelGens.Who from t in ModelGens.Text select (ModelStep)new AddWorkNoteStep(w, t)),
        (1, from w in ModelGens.Who from t in ModelGens.Text select (ModelStep)new AddCommentStep(w, t)),
        (1, from w in ModelGens.Who from d in Durations from n in ModelGens.Text select (ModelStep)new LogTimeStep(w, d, n)));

    /// <summary>Whether <paramref name="step"/> is a journal step.</summary>
    public static bool Is(ModelStep step) => step is AddWorkNoteStep or AddCommentStep or LogTimeStep;

    /// <summary>The argument checks of a journal step, after the actor's.</summary>
    public static Arguments Check(ModelStep step, Arguments arguments) => step switch
    {
        AddWorkNoteStep s => arguments.Blank(s.Text, "text"),
        AddCommentStep s => arguments.Blank(s.Text, "text"),
        LogTimeStep s => arguments
            .Check(s.Duration > Duration.Zero && s.Duration <= Duration.FromHours(24) && s.Duration.SubsecondNanoseconds == 0, "duration")
            .Check(s.Note is null || !string.IsNullOrWhiteSpace(s.Note), "note"),
        _ => throw new ArgumentException($"Not a journal step: {step}", nameof(step)),
    };

    /// <summary>The actor of a journal step.</summary>
    public static Who WhoOf(ModelStep step) => step switch
    {
        AddWorkNoteStep s => s.Who,
        AddCommentStep s => s.Who,
        LogTimeStep s => s.Who,
        _ => throw new ArgumentException($"Not a journal step: {step}", nameof(step)),
    };

    /// <summary>The name of the journal command, as the lifecycle enums and audit entries spell it.</summary>
    public static string CommandName(ModelStep step) => step switch
    {
        AddWorkNoteStep => "AddWorkNote",
        AddCommentStep => "AddComment",
        LogTimeStep => "LogTime",
        _ => throw new ArgumentException($"Not a journal step: {step}", nameof(step)),
    };

    /// <summary>The summary after an accepted journal step.</summary>
    public JournalFields After(ModelStep step) => step switch
    {
        AddWorkNoteStep => this with { WorkNotes = WorkNotes + 1 },
        AddCommentStep => this with { Comments = Comments + 1 },
        LogTimeStep s => this with { TimeEntries = TimeEntries + 1, TimeWorked = TimeWorked + s.Duration },
        _ => throw new ArgumentException($"Not a journal step: {step}", nameof(step)),
    };

    /// <summary>Runs a journal step on any ticket, passing null and invalid arguments on as they are.</summary>
    public static void Run(ModelStep step, Itsm.Common.Actor? actor, Action<Itsm.Common.Actor, string> addWorkNote, Action<Itsm.Common.Actor, string> addComment, Action<Itsm.Common.Actor, Duration, string?> logTime)
    {
        switch (step)
        {
            case AddWorkNoteStep s: addWorkNote(actor!, s.Text!); break;
            case AddCommentStep s: addComment(actor!, s.Text!); break;
            case LogTimeStep s: logTime(actor!, s.Duration, s.Note); break;
            default: throw new ArgumentException($"Not a journal step: {step}", nameof(step));
        }
    }

    public static JournalFields Of(JournalSummary summary) => new(summary.WorkNotes, summary.Comments, summary.TimeEntries, summary.TimeWorked);

    public override string ToString() => $"journal {WorkNotes} notes, {Comments} comments, {TimeEntries} time entries, {TimeWorked} worked";

    internal static string Q(string? value) => value is null ? "null" : "\"" + value + "\"";
}

using System.Collections.Generic;
using Itsm.Changes;

namespace Itsm.Samples.ServiceDesk;

/// <summary>A change the desk knows how to raise: a problem's fix, or routine work on a schedule.</summary>
/// <param name="Type">Standard (pre-authorised), normal (assessed and authorised by risk) or emergency (ECAB).</param>
/// <param name="Title">The change's short description.</param>
/// <param name="Plan">The implementation and back-out plan.</param>
/// <param name="Service">The service it touches.</param>
/// <param name="ConfigurationItem">The configuration item it touches.</param>
/// <param name="RiskAnswers">The answers to <see cref="ServiceDeskModel.RiskPolicy"/>'s questions (normal and emergency changes).</param>
/// <param name="CausesOutage">Whether the change takes the service down while it runs.</param>
public sealed record ChangeTemplate(ChangeType Type, string Title, string Plan, string Service, string ConfigurationItem, IReadOnlyDictionary<string, string> RiskAnswers, bool CausesOutage = false);

/// <summary>
/// A latent defect in one configuration item: until a change removes its root cause it makes the
/// same incident (same service, same symptom) come back, which is what problem management looks for.
/// </summary>
/// <param name="Service">The service whose users see it.</param>
/// <param name="ConfigurationItem">The configuration item at fault.</param>
/// <param name="Symptom">What users report (each incident's short description; no ordinary incident says it).</param>
/// <param name="PerWorkingHour">Expected incidents per working hour while it is not fixed.</param>
/// <param name="RootCause">What root-cause analysis finds.</param>
/// <param name="Workaround">The workaround the known error documents.</param>
/// <param name="Fix">The change that removes the root cause.</param>
public sealed record DeskDefect(string Service, string ConfigurationItem, string Symptom, double PerWorkingHour, string RootCause, string Workaround, ChangeTemplate Fix);

/// <summary>Routine change work that is not a problem's fix: a template raised every <paramref name="EveryDays"/> days.</summary>
/// <param name="Template">The change.</param>
/// <param name="EveryDays">Days between two of them.</param>
/// <param name="FirstAfterDays">Days into a run before the first one.</param>
public sealed record RoutineChange(ChangeTemplate Template, int EveryDays, int FirstAfterDays);

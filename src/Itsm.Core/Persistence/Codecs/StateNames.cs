using System.Text.Json;

namespace Itsm.Persistence;

/// <summary>
/// The state documents' field names that the codecs write on every command, encoded once: a
/// <see cref="Utf8JsonWriter"/> given a <see cref="JsonEncodedText"/> name neither transcodes nor escape-checks it.
/// One table for every record type (a name such as <c>openedAt</c> is the same field name wherever it appears);
/// the readers look fields up by the same names as strings.
/// </summary>
internal static class StateNames
{
    internal static readonly JsonEncodedText Agreement = JsonEncodedText.Encode("agreement");
    internal static readonly JsonEncodedText ApprovalStartedAt = JsonEncodedText.Encode("approvalStartedAt");
    internal static readonly JsonEncodedText ApproverId = JsonEncodedText.Encode("approverId");
    internal static readonly JsonEncodedText AssignedTo = JsonEncodedText.Encode("assignedTo");
    internal static readonly JsonEncodedText AssignmentGroup = JsonEncodedText.Encode("assignmentGroup");
    internal static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    internal static readonly JsonEncodedText BreachAt = JsonEncodedText.Encode("breachAt");
    internal static readonly JsonEncodedText Calendar = JsonEncodedText.Encode("calendar");
    internal static readonly JsonEncodedText CallerId = JsonEncodedText.Encode("callerId");
    internal static readonly JsonEncodedText CausedByChange = JsonEncodedText.Encode("causedByChange");
    internal static readonly JsonEncodedText Clock = JsonEncodedText.Encode("clock");
    internal static readonly JsonEncodedText Comments = JsonEncodedText.Encode("comments");
    internal static readonly JsonEncodedText ConditionRisk = JsonEncodedText.Encode("conditionRisk");
    internal static readonly JsonEncodedText ConfigurationItems = JsonEncodedText.Encode("configurationItems");
    internal static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    internal static readonly JsonEncodedText Crossed = JsonEncodedText.Encode("crossed");
    internal static readonly JsonEncodedText Cycle = JsonEncodedText.Encode("cycle");
    internal static readonly JsonEncodedText Definition = JsonEncodedText.Encode("definition");
    internal static readonly JsonEncodedText DelegateId = JsonEncodedText.Encode("delegateId");
    internal static readonly JsonEncodedText DueAt = JsonEncodedText.Encode("dueAt");
    internal static readonly JsonEncodedText Elapsed = JsonEncodedText.Encode("elapsed");
    internal static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    internal static readonly JsonEncodedText EscalationLevel = JsonEncodedText.Encode("escalationLevel");
    internal static readonly JsonEncodedText EverBreached = JsonEncodedText.Encode("everBreached");
    internal static readonly JsonEncodedText HasPostIncidentReview = JsonEncodedText.Encode("hasPostIncidentReview");
    internal static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    internal static readonly JsonEncodedText Impact = JsonEncodedText.Encode("impact");
    internal static readonly JsonEncodedText ImplementerId = JsonEncodedText.Encode("implementerId");
    internal static readonly JsonEncodedText IsMajor = JsonEncodedText.Encode("isMajor");
    internal static readonly JsonEncodedText LastAt = JsonEncodedText.Encode("lastAt");
    internal static readonly JsonEncodedText LastEventAt = JsonEncodedText.Encode("lastEventAt");
    internal static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    internal static readonly JsonEncodedText Metric = JsonEncodedText.Encode("metric");
    internal static readonly JsonEncodedText Offering = JsonEncodedText.Encode("offering");
    internal static readonly JsonEncodedText OnHoldReason = JsonEncodedText.Encode("onHoldReason");
    internal static readonly JsonEncodedText OnHoldSupplier = JsonEncodedText.Encode("onHoldSupplier");
    internal static readonly JsonEncodedText OpenedAt = JsonEncodedText.Encode("openedAt");
    internal static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
    internal static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parentId");
    internal static readonly JsonEncodedText Paused = JsonEncodedText.Encode("paused");
    internal static readonly JsonEncodedText Percent = JsonEncodedText.Encode("percent");
    internal static readonly JsonEncodedText Phase = JsonEncodedText.Encode("phase");
    internal static readonly JsonEncodedText Plan = JsonEncodedText.Encode("plan");
    internal static readonly JsonEncodedText PreviousReset = JsonEncodedText.Encode("previousReset");
    internal static readonly JsonEncodedText PreviousStart = JsonEncodedText.Encode("previousStart");
    internal static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
    internal static readonly JsonEncodedText QuestionnaireRisk = JsonEncodedText.Encode("questionnaireRisk");
    internal static readonly JsonEncodedText RejectionPolicy = JsonEncodedText.Encode("rejectionPolicy");
    internal static readonly JsonEncodedText RelatedProblem = JsonEncodedText.Encode("relatedProblem");
    internal static readonly JsonEncodedText RequesterId = JsonEncodedText.Encode("requesterId");
    internal static readonly JsonEncodedText RequiresApproval = JsonEncodedText.Encode("requiresApproval");
    internal static readonly JsonEncodedText ResolutionCode = JsonEncodedText.Encode("resolutionCode");
    internal static readonly JsonEncodedText ResolutionNotes = JsonEncodedText.Encode("resolutionNotes");
    internal static readonly JsonEncodedText ResolvedAt = JsonEncodedText.Encode("resolvedAt");
    internal static readonly JsonEncodedText RetroShadows = JsonEncodedText.Encode("retroShadows");
    internal static readonly JsonEncodedText Risk = JsonEncodedText.Encode("risk");
    internal static readonly JsonEncodedText RootCause = JsonEncodedText.Encode("rootCause");
    internal static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    internal static readonly JsonEncodedText Service = JsonEncodedText.Encode("service");
    internal static readonly JsonEncodedText Shadows = JsonEncodedText.Encode("shadows");
    internal static readonly JsonEncodedText ShortDescription = JsonEncodedText.Encode("shortDescription");
    internal static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    internal static readonly JsonEncodedText StartedAt = JsonEncodedText.Encode("startedAt");
    internal static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    internal static readonly JsonEncodedText SubmittedAt = JsonEncodedText.Encode("submittedAt");
    internal static readonly JsonEncodedText Supplier = JsonEncodedText.Encode("supplier");
    internal static readonly JsonEncodedText Symptom = JsonEncodedText.Encode("symptom");
    internal static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    internal static readonly JsonEncodedText TicketCreatedAt = JsonEncodedText.Encode("ticketCreatedAt");
    internal static readonly JsonEncodedText TicketOpenedAt = JsonEncodedText.Encode("ticketOpenedAt");
    internal static readonly JsonEncodedText TimeEntries = JsonEncodedText.Encode("timeEntries");
    internal static readonly JsonEncodedText TimeWorkedSeconds = JsonEncodedText.Encode("timeWorkedSeconds");
    internal static readonly JsonEncodedText Tracks = JsonEncodedText.Encode("tracks");
    internal static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    internal static readonly JsonEncodedText Urgency = JsonEncodedText.Encode("urgency");
    internal static readonly JsonEncodedText Variables = JsonEncodedText.Encode("variables");
    internal static readonly JsonEncodedText WorkNotes = JsonEncodedText.Encode("workNotes");
    internal static readonly JsonEncodedText Workaround = JsonEncodedText.Encode("workaround");
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Ardalis.GuardClauses;
using Itsm.Incidents;
using Itsm.Workflows;
using NodaTime;

namespace Itsm.Import;

/// <summary>
/// How the rows of an incident log map to the incident lifecycle: which column is the ticket key, the
/// instant, the actor, the status and the other fields, what each status and value means, and the
/// lifecycle policy the source system ran under. Loaded from JSON (the format is documented in
/// docs/import.md); two mappings ship: <see cref="ServiceNowIncidentCsv"/> and <see cref="Bpic2013"/>.
/// </summary>
/// <remarks>
/// A mapping is immutable and thread-safe. It is validated when loaded: every problem is reported at
/// once, in one <see cref="ImportMappingException"/>. Whether a file has the columns the mapping names
/// is checked by <see cref="IncidentHistoryImporter"/> before anything is imported.
/// </remarks>
public sealed partial class ImportMapping
{
    private static readonly Lazy<ImportMapping> ServiceNow = new(() => LoadResource("servicenow-incident-csv.json"));
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly Lazy<ImportMapping> Bpic = new(() => LoadResource("bpic2013.json"));
    private static readonly Lazy<Workflow<IncidentState, IncidentCommand>> BpicWorkflow = new(Bpic2013WorkflowDefinition.Build);

    private ImportMapping(MappingSpec spec)
    {
        Spec = spec;
    }

    /// <summary>
    /// The mapping of a ServiceNow incident audit export: rows of the <c>incident</c> table as updated
    /// (<c>number, incident_state, sys_updated_at, sys_mod_count, sys_updated_by, opened_at, opened_by,
    /// caller_id, impact, urgency, assignment_group, assigned_to, problem_id, caused_by, closed_code</c>, ...),
    /// dates day-first (<c>d/M/yyyy HH:mm</c>) or ISO in UTC, <c>?</c> or empty as null. Only <c>number</c>,
    /// <c>incident_state</c>, <c>sys_updated_at</c> and <c>sys_updated_by</c> are required: a file without another
    /// column imports as if it were empty on every row (docs/import.md, "Columns a file may lack"). Its name is
    /// <c>servicenow-incident-csv</c>. Use <see cref="WithTimeZone"/> when the export's local times are not UTC.
    /// </summary>
    public static ImportMapping ServiceNowIncidentCsv => ServiceNow.Value;

    /// <summary>
    /// The mapping of the BPI Challenge 2013 incident log of Volvo IT (<c>VINST-new.csv</c>): status and
    /// sub-status pairs to states and hold reasons, <c>Involved ST</c> to the assignment group,
    /// <c>ST Level</c> to functional escalation, <c>Resource</c> to the actor. Its name is <c>bpic2013</c>.
    /// </summary>
    public static ImportMapping Bpic2013 => Bpic.Value;

    /// <summary>
    /// The incident workflow whose custom states <see cref="Bpic2013"/> names (<c>bpic2013-incident</c>, version 1): the
    /// Siebel sub-statuses as custom states inside the library states, so that an import keeps them instead of
    /// collapsing them. Inside InProgress: <c>In Progress</c> (entry), <c>Assigned</c>, <c>Awaiting Assignment</c> (a ticket
    /// already worked, back in a queue); inside OnHold: <c>Wait</c> (entry), <c>Wait - User</c>, <c>Wait - Customer</c>,
    /// <c>Wait - Vendor</c>, <c>Wait - Implementation</c>; inside Resolved: <c>Solved</c> (entry; the sub-status
    /// <c>Resolved</c>, renamed because a custom state cannot take a library state's name) and <c>In Call</c>. Between
    /// every two sub-states of one library state runs a named transition called like its target, without a guard.
    /// </summary>
    /// <remarks>
    /// The import uses it when the engine's <c>ItsmEngineOptions.Workflows</c> holds it as the tenant's incident workflow
    /// (<c>WorkflowCatalog.Empty.With(ImportMapping.Bpic2013Workflow)</c>); the engine then goes on working the imported
    /// tickets under it. Without it the import collapses the sub-statuses into library states and hold reasons.
    /// </remarks>
    public static Workflow<IncidentState, IncidentCommand> Bpic2013Workflow => BpicWorkflow.Value;

    /// <summary>The mapping's name, part of every imported record's id (see <see cref="IncidentHistoryImporter.IncidentIdFor"/>).</summary>
    public string Name => Spec.Name;

    /// <summary>What the mapping is for, as its JSON says; <see langword="null"/> when it says nothing.</summary>
    public string? Description => Spec.Description;

    /// <summary>The time zone local date-times of the file are read in.</summary>
    public DateTimeZone TimeZone => Spec.TimeZone;

    /// <summary>The lifecycle policy the source system ran under, which the replay applies (see <see cref="ImportLifecycle"/>).</summary>
    public ImportLifecycle Lifecycle => Spec.Lifecycle;

    /// <summary>
    /// What the replay does with a row that changes a field of a Closed or Canceled ticket: refuse the ticket, or carry the
    /// edits to the next reopen and drop (and count) those no reopen follows. The mapping's <c>closedEdits</c>; both shipped mappings
    /// carry them (<see cref="ImportClosedEdits.CarryToReopen"/>).
    /// </summary>
    public ImportClosedEdits ClosedEdits => Spec.ClosedEdits;

    /// <summary>The columns a file must have: every column the mapping names except those it lists as optional.</summary>
    public IReadOnlyList<string> RequiredColumns => Spec.RequiredColumns;

    internal MappingSpec Spec { get; }

    /// <summary>Reads a mapping from its JSON text.</summary>
    /// <param name="json">The mapping, in the format of docs/import.md.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ImportMappingException">The JSON is malformed or the mapping invalid; the message lists every problem.</exception>
    public static ImportMapping FromJson(string json)
    {
        Guard.Against.Null(json);
        return Parse(() => JsonDocument.Parse(json, JsonOptions), nameof(json));
    }

    /// <summary>Reads a mapping from a UTF-8 JSON stream (a mapping file).</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="ImportMappingException">The JSON is malformed or the mapping invalid; the message lists every problem.</exception>
    public static ImportMapping Load(Stream utf8Json)
    {
        Guard.Against.Null(utf8Json);
        return Parse(() => JsonDocument.Parse(utf8Json, JsonOptions), nameof(utf8Json));
    }

    /// <summary>This mapping with local date-times read in another time zone (the zone of the user or system that exported the file).</summary>
    /// <param name="zone">The time zone.</param>
    /// <returns>The mapping with the zone; everything else, the name included, is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public ImportMapping WithTimeZone(DateTimeZone zone)
    {
        Guard.Against.Null(zone);
        var errors = new List<string>();
        var parser = InstantParser.Create(Spec.Formats, zone, "$.instants.formats", errors);
        return new ImportMapping(Spec with { TimeZone = zone, Instants = parser });
    }

    /// <summary>The mapping's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static ImportMapping Parse(Func<JsonDocument> parse, string paramName)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            // The parser's message can quote the document (a property path, a token): cut, so a huge file makes a short message.
            throw new ImportMappingException([$"$: the JSON is malformed: {Itsm.Text.QuotedText.Message(e.Message)}"], paramName);
        }
        catch (ArgumentException e) when (e is not ImportMappingException)
        {
            // The parser refuses a string it cannot transcode to UTF-8 (a raw unpaired surrogate) with a bare ArgumentException.
            throw new ImportMappingException(["$: the JSON holds text that is not valid Unicode (an unpaired surrogate)."], paramName);
        }

        using (document)
        {
            try
            {
                return FromDocument(document, paramName);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement.GetString refuses text with an unpaired UTF-16 surrogate (legal as a JSON escape).
                throw new ImportMappingException([$"$: the JSON holds text that is not valid Unicode: {Itsm.Text.QuotedText.Message(e.Message)}"], paramName);
            }
        }
    }

    private static ImportMapping FromDocument(JsonDocument document, string paramName)
    {
        var errors = new List<string>();
        var spec = MappingJsonReader.Read(document.RootElement, errors);
        if (errors.Count > 0 || spec is null)
        {
            throw new ImportMappingException(errors, paramName);
        }

        return new ImportMapping(spec);
    }

    private static ImportMapping LoadResource(string file)
    {
        using var stream = typeof(ImportMapping).Assembly.GetManifestResourceStream("Itsm.Import.Mappings." + file)
            ?? throw new InvalidOperationException($"The shipped mapping {file} is missing from the assembly.");
        return Load(stream);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Itsm.BusinessTime;
using Itsm.Changes;
using Itsm.Common;
using Itsm.Requests;
using Itsm.Sla;
using NodaTime;

namespace Itsm.Samples.ServiceDesk;

/// <summary>A service the desk supports: who resolves its incidents, and how often it breaks.</summary>
/// <param name="Name">The service's name (the incidents' <c>service</c>).</param>
/// <param name="Group">The support group that resolves its incidents.</param>
/// <param name="Weight">Relative share of incidents.</param>
/// <param name="Symptoms">Typical short descriptions.</param>
public sealed record DeskService(string Name, string Group, int Weight, IReadOnlyList<string> Symptoms);

/// <summary>A support group and its people.</summary>
/// <param name="Name">The group's name (the incidents' assignment group).</param>
/// <param name="Manager">Who a hierarchical escalation notifies.</param>
/// <param name="Members">The resolvers.</param>
public sealed record DeskGroup(string Name, string Manager, IReadOnlyList<Actor> Members);

/// <summary>
/// The small company the simulation runs: its calendar, services, support groups, people and
/// their roles, the SLA, the request catalog and the change policies. Everything is fixed data, so
/// a test can use the same definitions as the simulation.
/// </summary>
public static class ServiceDeskModel
{
    /// <summary>The id under which <see cref="Calendar"/> is registered with the engine.</summary>
    public const string CalendarId = "contoso-office";

    /// <summary>The agreement covering incidents (response and resolution).</summary>
    public const string IncidentAgreementId = "SLA-INCIDENTS";

    /// <summary>The agreement covering service requests (fulfilment).</summary>
    public const string RequestAgreementId = "SLA-REQUESTS";

    /// <summary>The supplier that maintains the VPN concentrator.</summary>
    public const string NetworkSupplierId = "fabrikam-networks";

    /// <summary>The underpinning contract with <see cref="NetworkSupplierId"/>: 8 business hours to answer an incident it is waiting on.</summary>
    public const string NetworkContractId = "UC-FABRIKAM";


    /// <summary>The office calendar: Europe/London, 08:00-18:00 Monday to Friday, England and Wales bank holidays.</summary>
    public static BusinessCalendar Calendar { get; } = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
        .AddWeekdayHours(new LocalTime(8, 0), new LocalTime(18, 0))
        .AddRecurringHoliday(HolidayRule.FixedDate(1, 1).WithObservance(HolidayObservance.NextWeekday).WithName("New Year's Day"))
        .AddRecurringHoliday(HolidayRule.EasterRelative(-2).WithName("Good Friday"))
        .AddRecurringHoliday(HolidayRule.EasterRelative(1).WithName("Easter Monday"))
        .AddRecurringHoliday(HolidayRule.NthWeekdayOfMonth(5, IsoDayOfWeek.Monday, 1).WithName("Early May bank holiday"))
        .AddRecurringHoliday(HolidayRule.LastWeekdayOfMonth(5, IsoDayOfWeek.Monday).WithName("Spring bank holiday"))
        .AddRecurringHoliday(HolidayRule.LastWeekdayOfMonth(8, IsoDayOfWeek.Monday).WithName("Summer bank holiday"))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 25).WithObservance(HolidayObservance.NextWeekday).WithName("Christmas Day"))
        .AddRecurringHoliday(HolidayRule.FixedDate(12, 26).WithObservance(HolidayObservance.NextWeekday).WithName("Boxing Day"))
        .Build();

    /// <summary>The VPN's maintenance window: Saturdays 06:00-12:00 London time (changes to the VPN go there).</summary>
    public static BusinessCalendar VpnMaintenance { get; } = BusinessCalendar.CreateBuilder(DateTimeZoneProviders.Tzdb["Europe/London"])
        .AddWorkingHours(IsoDayOfWeek.Saturday, new LocalTime(6, 0), new LocalTime(12, 0))
        .Build();

    /// <summary>The services, with the group that resolves each.</summary>
    public static IReadOnlyList<DeskService> Services { get; } =
    [
        new("Email", "Messaging", 5, ["Outlook keeps asking for my password", "Cannot send mail to external addresses", "Shared mailbox missing", "Calendar invites not arriving"]),
        new("VPN", "Network", 3, ["VPN client will not connect", "VPN very slow from hotel", "Certificate error on VPN"]),
        new("Payroll", "Business Apps", 2, ["Payslip shows wrong tax code", "Cannot log in to payroll portal", "Overtime not imported"]),
        new("CRM", "Business Apps", 3, ["CRM report times out", "Cannot save opportunity", "CRM sync with Outlook broken"]),
        new("Laptops", "End User Computing", 5, ["Laptop will not boot", "Docking station not detecting monitors", "Battery drains in an hour", "Keyboard keys stuck"]),
    ];

    /// <summary>
    /// The latent defects: each makes its symptom recur until a problem finds its root cause and a
    /// change removes it. Their fixes cover every change type and authority: a high-risk normal change
    /// (CAB), a moderate one (change manager), a low one (peer), a standard change and an emergency
    /// change (ECAB).
    /// </summary>
    public static IReadOnlyList<DeskDefect> Defects { get; } =
    [
        new("VPN", "vpn-concentrator-01", "VPN drops every few minutes when working from home", 0.20,
            "VPN concentrator firmware 9.1 drops idle IPsec tunnels after 300 s.", "Switch the VPN client to SSL mode.",
            new(ChangeType.Normal, "Upgrade VPN concentrator firmware to 9.2", "Back up config; upgrade; fail over; verify tunnels for 1 h; roll back to 9.1 if drops persist.",
                "VPN", "vpn-concentrator-01", Answers("everyone", "yes"), CausesOutage: true)),
        new("Email", "exchange-online", "Outlook asks for my password every hour", 0.18,
            "A tenant template set the sign-in token lifetime to 60 minutes.", "Sign out of Office and sign in again with 'stay signed in' ticked.",
            new(ChangeType.Normal, "Reset the sign-in token lifetime policy to the default", "Export the policy; reset it; confirm a pilot group keeps its session for a day; re-import to back out.",
                "Email", "exchange-online", Answers("department", "yes"))),
        new("CRM", "crm-db-01", "CRM pipeline report times out for the full year", 0.15,
            "A missing index on the opportunity history table makes the report scan 40 million rows.", "Run the report one quarter at a time.",
            new(ChangeType.Normal, "Add the opportunity history index to the CRM database", "Create the index online; compare the report's plan; drop the index to back out.",
                "CRM", "crm-db-01", Answers("few", "yes"))),
        new("Laptops", "dock-firmware-2.1", "Monitors flicker on the new docking stations", 0.18,
            "Dock firmware 2.1 mis-negotiates DisplayPort 1.4 with the new monitors.", "Unplug the dock's power for ten seconds.",
            new(ChangeType.Standard, "Roll out dock firmware 2.3 (pre-approved model)", "Push firmware 2.3 to the docks through the device manager; docks that fail keep 2.1.",
                "Laptops", "dock-firmware-2.1", Answers("department", "yes"))),
        new("Payroll", "payroll-sso", "Payroll portal rejects single sign-on", 0.15,
            "The identity provider's new signing certificate was never uploaded to the payroll portal.", "Log in with the payroll portal's local password.",
            new(ChangeType.Emergency, "Upload the new SAML signing certificate to the payroll portal", "Upload the certificate; test a sign-in; restore the old metadata to back out.",
                "Payroll", "payroll-sso", Answers("everyone", "yes"))),
        new("VPN", "vpn-client-5.4", "VPN client crashes after the Windows update", 0.15,
            "VPN client 5.4 is incompatible with the latest Windows network stack.", "Reinstall VPN client 5.3 from the software portal.",
            new(ChangeType.Standard, "Deploy VPN client 5.5 (pre-approved package)", "Publish 5.5 to the software portal and push it to the pilot ring, then to everyone.",
                "VPN", "vpn-client-5.4", Answers("department", "yes"))),
        new("Email", "mail-gateway", "Mail to partners bounces as spam", 0.12,
            "The SPF record misses the new mail gateway's address.", "Send to partners from the web client, which relays through the old gateway.",
            new(ChangeType.Normal, "Add the new mail gateway to the SPF record", "Add the address to the TXT record; check with an SPF validator; restore the old record to back out.",
                "Email", "mail-gateway", Answers("few", "yes"))),
        new("Laptops", "bitlocker-policy", "Laptop asks for the BitLocker recovery key at every start", 0.15,
            "A BIOS update changed the TPM measurements the BitLocker policy pins.", "Suspend BitLocker once and restart.",
            new(ChangeType.Normal, "Re-seal BitLocker to the new TPM measurements", "Push the re-seal script to a pilot group, then to everyone; the recovery keys stay escrowed.",
                "Laptops", "bitlocker-policy", Answers("everyone", "no"))),
        new("CRM", "crm-sync", "Contacts duplicated after the Outlook sync", 0.12,
            "The sync job's matching rule ignores the case of e-mail addresses.", "Merge the duplicates with the CRM's merge tool.",
            new(ChangeType.Normal, "Make the CRM sync match e-mail addresses case-insensitively", "Change the matching rule; run the sync on a test mailbox; revert the rule to back out.",
                "CRM", "crm-sync", Answers("department", "yes"))),
        new("Payroll", "payroll-batch", "Overtime missing from the payslip preview", 0.12,
            "The time-sheet export runs before the overtime approvals batch.", "Ask payroll to re-run the preview after 14:00.",
            new(ChangeType.Normal, "Move the time-sheet export after the overtime approvals batch", "Reschedule the export job; compare a preview with last month's; restore the old schedule to back out.",
                "Payroll", "payroll-batch", Answers("department", "yes"))),
    ];

    /// <summary>
    /// The day of a run (0-based) on which defect <paramref name="index"/> of <see cref="Defects"/> starts
    /// to show: the first five within a run's first two weeks (closer together in a short run), the
    /// others one every 60 days after that, so a year's run has a problem every couple of months.
    /// </summary>
    /// <param name="index">The defect's index.</param>
    /// <param name="days">The run's length in days.</param>
    /// <returns>The day.</returns>
    public static int DefectOnsetDay(int index, int days) => index < 5 ? index * Math.Clamp(days / 8, 0, 3) : (index - 4) * 60;

    /// <summary>Routine changes: a weekly standard patch ring, a fortnightly normal CRM release.</summary>
    public static IReadOnlyList<RoutineChange> RoutineChanges { get; } =
    [
        new(new(ChangeType.Standard, "Weekly laptop patch ring", "Approve the week's updates for the pilot ring, then for everyone; pause the ring to back out.", "Laptops", "laptop-fleet", Answers("department", "yes")), 7, 1),
        new(new(ChangeType.Normal, "CRM release", "Deploy the release to staging, smoke-test, deploy to production; redeploy the previous release to back out.", "CRM", "crm-app-01", Answers("department", "yes")), 14, 3),
    ];

    /// <summary>The share of changes of each type whose implementation fails (and causes incidents).</summary>
    /// <param name="type">The change type.</param>
    /// <returns>The probability.</returns>
    public static double FailureRate(ChangeType type) => type switch
    {
        ChangeType.Standard => 0.08,
        ChangeType.Emergency => 0.25,
        _ => 0.15,
    };

    /// <summary>The second-line group functional escalations go to.</summary>
    public const string SecondLineGroup = "Infrastructure";

    /// <summary>The support groups (the service desk itself takes the first call).</summary>
    public static IReadOnlyList<DeskGroup> Groups { get; } =
    [
        new("Messaging", "maria.gonzalez", [new Actor("liam.walsh", "resolver"), new Actor("nina.patel", "resolver")]),
        new("Network", "omar.haddad", [new Actor("george.li", "resolver", "implementer"), new Actor("farah.aziz", "resolver", "change_requester", ServiceDeskWorkflows.PeerReviewerRole)]),
        new("Business Apps", "paula.schmidt", [new Actor("quentin.roux", "resolver"), new Actor("rita.sousa", "resolver")]),
        new("End User Computing", "sam.taylor", [new Actor("tara.brooks", "resolver"), new Actor("umar.sheikh", "resolver")]),
        new(SecondLineGroup, "victor.hugo", [new Actor("wendy.zhang", "resolver", "peer", ServiceDeskWorkflows.PeerReviewerRole), new Actor("xavier.diaz", "resolver")]),
    ];

    /// <summary>The service desk agents who take the first contact.</summary>
    public static IReadOnlyList<Actor> Agents { get; } =
    [
        new Actor("amira.khan", "service_desk"),
        new Actor("ben.okafor", "service_desk"),
        new Actor("chloe.martin", "service_desk"),
    ];

    /// <summary>The incident manager (major incidents, post-incident reviews).</summary>
    public static Actor IncidentManager { get; } = new("dana.price", "incident_manager", "service_desk");

    /// <summary>The problem manager.</summary>
    public static Actor ProblemManager { get; } = new("eli.novak", "problem_manager");

    /// <summary>The change manager (closes changes after review).</summary>
    public static Actor ChangeManager { get; } = new("kate.moore", "change_manager");

    /// <summary>The change advisory board: a high-risk change needs three distinct approvals.</summary>
    public static IReadOnlyList<Actor> ChangeAdvisoryBoard { get; } =
    [
        new Actor("hana.sato", "cab"),
        new Actor("ivan.petrov", "cab"),
        new Actor("jo.walsh", "cab"),
        new Actor("kwame.mensah", "cab"),
    ];

    /// <summary>The emergency CAB: an emergency change needs two distinct approvals.</summary>
    public static IReadOnlyList<Actor> EmergencyBoard { get; } =
    [
        new Actor("omar.haddad", "ecab"),
        new Actor("victor.hugo", "ecab"),
    ];

    /// <summary>Who raises changes (requester) and who implements them; never the same person, never an approver.</summary>
    /// <remarks>Also a peer reviewer, of other people's changes: the normal change workflow refuses her review of her own.</remarks>
    public static Actor ChangeRequester { get; } = new("farah.aziz", "resolver", "change_requester", ServiceDeskWorkflows.PeerReviewerRole);

    /// <summary>Who implements changes.</summary>
    public static Actor Implementer { get; } = new("george.li", "resolver", "implementer");

    /// <summary>The service owner: approves the improvement register's items (the problem manager proposes them).</summary>
    public static Actor ServiceOwner { get; } = new("nadia.eze", "service_owner");

    /// <summary>Line managers who approve service requests.</summary>
    public static IReadOnlyList<Actor> Approvers { get; } =
    [
        new Actor("lara.finch", "approver"),
        new Actor("mo.farah", "approver"),
    ];

    /// <summary>The monitoring system (logs alerts at any hour).</summary>
    public static Actor Monitoring { get; } = new("monitoring", "system");

    /// <summary>The self-service portal and the shared mailbox (log contacts out of hours).</summary>
    public static Actor Portal { get; } = new("portal", "system");

    /// <summary>The SLA engine's due-list loop (hierarchical escalation on a breach).</summary>
    public static Actor SlaEngine { get; } = new("sla-engine", "system");

    /// <summary>
    /// The simulation's own bookkeeping: it reads queues, records and the audit log to decide who acts next
    /// and to build the report, through the engine like any actor, so the desk's rule must let it read.
    /// </summary>
    public static Actor Dispatcher { get; } = new("dispatcher", "system");

    /// <summary>The nightly job that closes resolved incidents.</summary>
    public static Actor AutoClose { get; } = new("auto-close", "system");

    /// <summary>How many employees call the desk (callers <c>user001</c>...).</summary>
    public const int Employees = 180;

    /// <summary>The caller actor of employee <paramref name="n"/> (1-based).</summary>
    /// <param name="n">The employee number.</param>
    /// <returns>The actor, with role <c>caller</c>.</returns>
    public static Actor Caller(int n) => new(CallerId(n), "caller");

    /// <summary>The caller id of employee <paramref name="n"/>.</summary>
    /// <param name="n">The employee number.</param>
    /// <returns>The id.</returns>
    public static string CallerId(int n) => "user" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The service request catalog, with how long fulfilment takes (business hours).</summary>
    public static IReadOnlyList<(CatalogItem Item, string Title, double FulfilHours, int Weight)> Catalog { get; } =
    [
        (new CatalogItem("password-reset", requiresApproval: false), "Password reset", 0.5, 5),
        (ServiceDeskCatalog.Laptop, "New laptop", 16, 2),
        (new CatalogItem("software-install", requiresApproval: false), "Software installation", 3, 4),
        (new CatalogItem("crm-access", requiresApproval: true), "CRM access", 2, 2),
        (new CatalogItem("shared-mailbox", requiresApproval: true), "Shared mailbox access", 1, 2),
    ];

    /// <summary>Incident response targets (business time): P1 15 min, P2 30 min, P3 2 h, P4 4 h, P5 8 h.</summary>
    public static IReadOnlyDictionary<Priority, Duration> ResponseTargets { get; } = new Dictionary<Priority, Duration>
    {
        [Priority.Critical] = Duration.FromMinutes(15),
        [Priority.High] = Duration.FromMinutes(30),
        [Priority.Moderate] = Duration.FromHours(2),
        [Priority.Low] = Duration.FromHours(4),
        [Priority.Planning] = Duration.FromHours(8),
    };

    /// <summary>Incident resolution targets (business time): P1 4 h, P2 8 h, P3 20 h (two days), P4 40 h, P5 80 h.</summary>
    public static IReadOnlyDictionary<Priority, Duration> ResolutionTargets { get; } = new Dictionary<Priority, Duration>
    {
        [Priority.Critical] = Duration.FromHours(4),
        [Priority.High] = Duration.FromHours(8),
        [Priority.Moderate] = Duration.FromHours(20),
        [Priority.Low] = Duration.FromHours(40),
        [Priority.Planning] = Duration.FromHours(80),
    };

    /// <summary>Service request fulfilment target (business time, requests are P4): 24 h, paused while awaiting approval.</summary>
    public static IReadOnlyDictionary<Priority, Duration> FulfilmentTargets { get; } = new Dictionary<Priority, Duration>
    {
        [Priority.Low] = Duration.FromHours(24),
    };

    /// <summary>
    /// The agreements: incidents get a response clock (New until assigned) and a resolution clock
    /// (paused while OnHold or in the workflow's Awaiting Change), both warning at 50% and 75%; requests get a fulfilment clock paused
    /// while awaiting approval. The two agreements' start states do not overlap, so each ticket
    /// type only starts its own clocks.
    /// </summary>
    public static IReadOnlyList<Agreement> Agreements { get; } =
    [
        new Agreement(IncidentAgreementId, "Incident response and resolution", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything,
        [
            new SlaTarget
            {
                Metric = SlaMetric.Response,
                Durations = ResponseTargets,
                CalendarId = CalendarId,
                WarningThresholds = [50.0, 75.0],
                Conditions = new SlaConditions
                {
                    Start = SlaCondition.StateIn("New"),
                    Stop = SlaCondition.StateIn("InProgress", "OnHold", "Resolved", "Closed"),
                    Cancel = SlaCondition.StateIn("Canceled"),
                },
            },
            new SlaTarget
            {
                Metric = SlaMetric.Resolution,
                Durations = ResolutionTargets,
                CalendarId = CalendarId,
                WarningThresholds = [50.0, 75.0],
                Conditions = new SlaConditions
                {
                    Start = SlaCondition.StateIn("New", "InProgress", "OnHold"),
                    // Awaiting Change is a custom state inside InProgress: the clock pauses there too, by its name.
                    Pause = SlaCondition.Any(SlaCondition.StateIn("OnHold"), SlaCondition.FieldIn("workflowState", [ServiceDeskWorkflows.AwaitingChange])),
                    Stop = SlaCondition.StateIn("Resolved", "Closed"),
                    Cancel = SlaCondition.StateIn("Canceled"),
                },
            },
        ]),
        new Agreement(RequestAgreementId, "Service request fulfilment", AgreementKind.ServiceLevelAgreement, AgreementScope.Everything,
        [
            new SlaTarget
            {
                Metric = new SlaMetric("Fulfilment"),
                Durations = FulfilmentTargets,
                CalendarId = CalendarId,
                WarningThresholds = [50.0, 75.0],
                Conditions = new SlaConditions
                {
                    Start = SlaCondition.StateIn("Submitted", "AwaitingApproval", "Fulfilling"),
                    Pause = SlaCondition.StateIn("AwaitingApproval"),
                    Stop = SlaCondition.StateIn("Fulfilled", "Closed"),
                    Cancel = SlaCondition.StateIn("Rejected", "Canceled"),
                },
            },
        ]),
    ];

    /// <summary>
    /// The underpinning contract with the network supplier: its clock runs while an incident waits for
    /// Fabrikam (on hold awaiting the vendor, with the supplier named) and stops when it comes back. Naming
    /// its supplier (<see cref="Agreement.Supplier"/>) is what scopes it to Fabrikam's tickets.
    /// </summary>
    public static Agreement NetworkContract { get; } =
        new(NetworkContractId, "Fabrikam VPN maintenance", AgreementKind.UnderpinningContract, AgreementScope.Everything,
        [
            new SlaTarget
            {
                Metric = new SlaMetric("SupplierResponse"),
                Durations = new Dictionary<Priority, Duration>
                {
                    [Priority.Critical] = Duration.FromHours(8), [Priority.High] = Duration.FromHours(8), [Priority.Moderate] = Duration.FromHours(8),
                    [Priority.Low] = Duration.FromHours(8), [Priority.Planning] = Duration.FromHours(8),
                },
                CalendarId = CalendarId,
                Conditions = new SlaConditions
                {
                    Start = SlaCondition.Always,
                    Stop = SlaCondition.Not(SlaCondition.FieldIn("supplier", [NetworkSupplierId])),
                },
            },
        ])
        { Supplier = new Itsm.Services.SupplierId(NetworkSupplierId) };

    /// <summary>The agreements the engine runs: <see cref="Agreements"/> and the <see cref="NetworkContract"/>.</summary>
    public static IReadOnlyList<Agreement> AllAgreements { get; } = [.. Agreements, NetworkContract];

    /// <summary>
    /// The service model: each service on the configuration items its defects live on, which run on shared
    /// infrastructure (so an outage of the infrastructure shows its reach), its support group, and the network
    /// supplier that maintains the VPN concentrator under <see cref="NetworkContract"/>. The engine checks every
    /// group, service and configuration item a command names against it.
    /// </summary>
    public static Itsm.Services.ServiceModel ServiceModel { get; } = BuildServiceModel();

    private static Itsm.Services.ServiceModel BuildServiceModel()
    {
        var builder = new Itsm.Services.ServiceModelBuilder()
            .Add(new Itsm.Services.ConfigurationItem("dc-london", "London data centre"))
            .Add(new Itsm.Services.ConfigurationItem("vm-cluster-01", "Virtualisation cluster", ["dc-london"]))
            .Add(new Itsm.Services.ConfigurationItem("identity-provider", "Identity provider", ["vm-cluster-01"]));
        var infrastructure = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["vpn-concentrator-01"] = ["dc-london"], ["exchange-online"] = ["identity-provider"], ["crm-db-01"] = ["vm-cluster-01"],
            ["dock-firmware-2.1"] = [], ["payroll-sso"] = ["identity-provider"], ["vpn-client-5.4"] = ["vpn-concentrator-01"],
            ["mail-gateway"] = ["vm-cluster-01"], ["bitlocker-policy"] = [], ["crm-sync"] = ["crm-db-01", "exchange-online"], ["payroll-batch"] = ["vm-cluster-01"],
            ["laptop-fleet"] = [], ["crm-app-01"] = ["crm-db-01"],
        };
        foreach (var (item, dependsOn) in infrastructure)
        {
            builder.Add(new Itsm.Services.ConfigurationItem(item, dependsOn: dependsOn));
        }

        foreach (var group in Groups)
        {
            builder.Add(new Itsm.Services.SupportGroup(group.Name, group.Members.Select(m => m.Id)));
        }

        builder.Add(new Itsm.Services.SupportGroup("Service Desk", Agents.Select(a => a.Id)));
        foreach (var service in Services)
        {
            var items = Defects.Where(d => d.Service == service.Name).Select(d => d.ConfigurationItem)
                .Concat(RoutineChanges.Where(r => r.Template.Service == service.Name).Select(r => r.Template.ConfigurationItem)).Distinct(StringComparer.Ordinal);
            builder.Add(new Itsm.Services.Service(service.Name, service.Name, ServiceOwner.Id, service.Group, items, [IncidentAgreementId]));
            builder.Add(new Itsm.Services.ServiceOffering(service.Name + "-standard", service.Name + " - Standard", service.Name));
        }

        builder.Add(new Itsm.Services.Supplier(NetworkSupplierId, "Fabrikam Networks", Itsm.Services.SupplierKind.Supplier, [NetworkContractId], configurationItems: ["vpn-concentrator-01"]));
        return builder.Build();
    }

    /// <summary>The calendars the agreements run on, by id.</summary>
    public static IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; } =
        new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { [CalendarId] = Calendar };

    /// <summary>Change risk: two questions, and changes to VPN or Payroll are high risk (CAB, three approvals).</summary>
    public static RiskPolicy RiskPolicy { get; } = new(
        [
            new RiskQuestion("users", "How many users are affected?", new Dictionary<string, int> { ["few"] = 0, ["department"] = 2, ["everyone"] = 4 }),
            new RiskQuestion("tested", "Was the change tested?", new Dictionary<string, int> { ["yes"] = 0, ["no"] = 3 }),
        ],
        moderateFrom: 2,
        highFrom: 5,
        criticalServices: ["VPN", "Payroll"]);

    /// <summary>The change authority: the default policy (CAB quorum 3 for high risk).</summary>
    public static ChangeAuthorityPolicy ChangeAuthority { get; } = ChangeAuthorityPolicy.CreateDefault(cabQuorum: 3);

    /// <summary>The engine options the desk runs with: its agreements, calendars, service model, change authority and workflows.</summary>
    /// <returns>New options.</returns>
    public static Itsm.Engine.ItsmEngineOptions EngineOptions() => new()
    {
        Agreements = AllAgreements,
        Calendars = Calendars,
        ServiceModel = ServiceModel,
        ChangeAuthority = ChangeAuthority,
        Workflows = ServiceDeskWorkflows.Catalog,
    };

    /// <summary>Resolved incidents close after three business days unless the caller reopens them.</summary>
    public static Itsm.Incidents.IncidentAutoClosePolicy AutoClosePolicy { get; } = new(3);

    private static Dictionary<string, string> Answers(string users, string tested) =>
        new(StringComparer.Ordinal) { ["users"] = users, ["tested"] = tested };
}

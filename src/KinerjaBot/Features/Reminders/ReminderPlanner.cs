using System.Globalization;
using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Admin;
using KinerjaBot.Delivery;
using KinerjaBot.Features.Calendar;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Reminders;

/// <summary>What one planning pass queued.</summary>
/// <param name="Planned">New outbox rows, by purpose.</param>
/// <param name="AlreadyPlanned">Reminders due now that an earlier pass had queued already.</param>
/// <param name="Unreachable">Reminders due now whose recipient the bot cannot reach.</param>
public sealed record PlanResult(IReadOnlyDictionary<string, int> Planned, int AlreadyPlanned, int Unreachable)
{
    public int Total => Planned.Values.Sum();
}

/// <summary>
/// Decides who needs which reminder right now and queues it in the outbox. Everything is judged in the
/// recipient's time zone at the moment of planning: a reminder goes out at its local send time on a
/// working day, never in quiet hours, and only while the thing is still not done. Each reminder has an
/// outbox key per person, occurrence and stage, so a second pass (or a second instance) adds nothing.
/// </summary>
public sealed partial class ReminderPlanner(
    KinerjaDbContext db,
    Outbox outbox,
    ReminderCalendar calendar,
    HolidayCalendarSource holidays,
    TeamsAppInstaller installer,
    IOptions<ReminderOptions> options,
    IOptions<AdminOptions> admin,
    KinerjaMetrics metrics,
    ILogger<ReminderPlanner> logger)
{
    public const string PlaceholderUserPrefix = "aad:";

    private static readonly AppraisalStatus[] EvaluatedStatuses = [AppraisalStatus.Finalized, AppraisalStatus.Acknowledged, AppraisalStatus.Objected];

    private readonly ReminderOptions _options = options.Value;

    private sealed record Clock(TimeZoneInfo Zone, DateOnly Date, TimeOnly Time);

    private sealed record FeedbackDue(int Id, int RequesterId, int RecipientId, DateOnly DueDate);

    private sealed record Pending(int EmployeeId, string EmployeeName, string What, DateOnly Date, DateTimeOffset SubmittedAt);

    /// <summary>A reminder due for someone today (whether or not its send time has come).</summary>
    private sealed record Nudge(Employee To, DeadlineStage Stage, int Count, string? Counterpart, bool IsRepeat)
    {
        public string Key => IsRepeat
            ? $"reminder:{Stage.Deadline.Rule}:{Stage.Deadline.Occurrence}:again-{RepeatDate:yyyyMMdd}:{To.Id}"
            : $"reminder:{Stage.Deadline.Rule}:{Stage.Deadline.Occurrence}:{Stage.Label}:{To.Id}";

        public DateOnly RepeatDate { get; init; }
    }

    /// <summary>A message ready to queue once its recipient's conversation is known.</summary>
    private sealed record Planned(Employee To, string Key, string Purpose, Func<Texts, (AdaptiveCard Card, string Summary)> Build);

    /// <summary>Everything the pass needs to know, loaded once.</summary>
    private sealed class Facts
    {
        public required Dictionary<int, Employee> People { get; init; }
        public required Dictionary<int, Clock> Clocks { get; init; }
        public required Dictionary<int, int> RaterOf { get; init; }
        public required Dictionary<int, List<Employee>> Teams { get; init; }
        public required Dictionary<int, ConversationRef> Refs { get; init; }
        public required Dictionary<int, AppInstallation> Installations { get; init; }
        public required HashSet<(int, int)> HasSkp { get; init; }
        public required HashSet<(int, int)> SkpSubmitted { get; init; }
        public required HashSet<(int, DateOnly)> LoggedOn { get; init; }
        public required Dictionary<string, HashSet<int>> ReportedIn { get; init; }
        public required Dictionary<string, HashSet<int>> Evaluated { get; init; }
        public required List<FeedbackDue> Feedback { get; init; }
        public required List<ReminderSnooze> Snoozes { get; init; }
        public required List<Pending> PendingApprovals { get; init; }
        public required Dictionary<DateOnly, IReadOnlyList<DeadlineStage>> Stages { get; init; }
    }

    /// <summary>Plans everything due at <paramref name="now"/>; safe to call any number of times.</summary>
    public async Task<PlanResult> PlanOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        // Work in UTC: the instants stored from here (send times, attempts) are compared with others in SQL.
        now = now.ToUniversalTime();
        var facts = await LoadAsync(now, ct);
        var planned = new List<Planned>();
        var mandatoryToday = new HashSet<int>();

        foreach (var person in facts.People.Values)
        {
            var clock = facts.Clocks[person.Id];
            foreach (var nudge in NudgesFor(person, clock.Date, facts))
            {
                var rule = calendar.RuleOf(nudge.Stage.Deadline.Rule);
                if (rule.Mandatory)
                {
                    mandatoryToday.Add(person.Id);
                }

                if ((rule.Mandatory || !person.OptionalNudgesOff) && IsSendTime(clock, rule.SendTime))
                {
                    planned.Add(ReminderMessage(nudge, rule.Mandatory));
                }
            }

            if (ApprovalsFor(person, clock, facts) is { } approvals)
            {
                planned.Add(approvals);
            }
        }

        var result = await QueueAsync(planned, facts, now, ct);

        // Digests last: they report who could not be reached by the reminders just planned.
        var digests = new List<Planned>();
        foreach (var (raterId, team) in facts.Teams)
        {
            var rater = facts.People[raterId];
            var clock = facts.Clocks[raterId];
            if (IsSendTime(clock, _options.EscalationSendTime) && EscalationFor(rater, clock.Date, team, mandatoryToday, facts) is { } digest)
            {
                digests.Add(digest);
            }
        }

        digests.AddRange(await CalendarWarningsAsync(facts, ct));
        var digestResult = await QueueAsync(digests, facts, now, ct);
        var byPurpose = result.Planned.Concat(digestResult.Planned).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        foreach (var (purpose, count) in byPurpose)
        {
            metrics.Planned(purpose, count);
        }

        return new PlanResult(byPurpose, result.AlreadyPlanned + digestResult.AlreadyPlanned, result.Unreachable + digestResult.Unreachable);
    }

    /// <summary>Due at this local moment: a working day, the send time passed, and not in quiet hours.</summary>
    private bool IsSendTime(Clock clock, TimeOnly sendTime) =>
        calendar.Working.IsWorkingDay(clock.Date) && clock.Time >= sendTime && !ReminderOptionsValidator.IsQuiet(_options, clock.Time);

    // ---------- who needs what ----------

    /// <summary>Reminders (not escalations) due for <paramref name="person"/> on <paramref name="date"/> for things not yet done.</summary>
    private List<Nudge> NudgesFor(Employee person, DateOnly date, Facts facts)
    {
        var due = new List<Nudge>();
        foreach (var stage in facts.Stages[date].Where(s => !s.IsEscalation))
        {
            if (Outstanding(person, stage.Deadline, facts) is { } count)
            {
                due.Add(new Nudge(person, stage, count, null, false));
            }
        }

        if (calendar.Options.FeedbackDue.Enabled)
        {
            foreach (var request in facts.Feedback.Where(f => f.RecipientId == person.Id))
            {
                var stage = calendar.StageOn(calendar.FeedbackDeadline(request.Id, request.DueDate), date);
                if (stage is { IsEscalation: false })
                {
                    due.Add(new Nudge(person, stage, 1, NameOf(request.RequesterId, facts), false));
                }
            }
        }

        foreach (var snooze in facts.Snoozes.Where(s => s.EmployeeId == person.Id && s.Until == date))
        {
            if (!Enum.TryParse<ReminderRuleKind>(snooze.Rule, out var kind) || !calendar.RuleOf(kind).Enabled
                || due.Any(d => d.Stage.Deadline.Rule == kind && d.Stage.Deadline.Occurrence == snooze.Occurrence))
            {
                // A regular reminder of the same deadline is due today anyway: one message, not two.
                continue;
            }

            var deadline = kind == ReminderRuleKind.FeedbackDue ? FeedbackDeadline(snooze.Occurrence, person.Id, facts) : calendar.Find(kind, snooze.Occurrence);
            if (deadline is null)
            {
                continue;
            }

            var counterpart = kind == ReminderRuleKind.FeedbackDue ? NameOf(facts.Feedback.First(f => f.Id.ToString(CultureInfo.InvariantCulture) == snooze.Occurrence).RequesterId, facts) : null;
            if ((kind == ReminderRuleKind.FeedbackDue ? 1 : Outstanding(person, deadline, facts)) is { } count)
            {
                var left = calendar.Working.WorkingDaysBetween(date, deadline.Due);
                due.Add(new Nudge(person, new DeadlineStage(deadline, left), count, counterpart, true) { RepeatDate = date });
            }
        }

        return due;
    }

    private Deadline? FeedbackDeadline(string occurrence, int recipientId, Facts facts) =>
        facts.Feedback.FirstOrDefault(f => f.RecipientId == recipientId && f.Id.ToString(CultureInfo.InvariantCulture) == occurrence) is { } request
            ? calendar.FeedbackDeadline(request.Id, request.DueDate)
            : null;

    /// <summary>
    /// How much of <paramref name="deadline"/> is still outstanding for the person (1 for their own duty,
    /// the number of team members for a rater's evaluation); null when done or not theirs.
    /// </summary>
    private static int? Outstanding(Employee person, Deadline deadline, Facts facts)
    {
        switch (deadline.Rule)
        {
            case ReminderRuleKind.DailyProgress:
                return facts.HasSkp.Contains((person.Id, deadline.Due.Year)) && !facts.LoggedOn.Contains((person.Id, deadline.Due)) ? 1 : null;
            case ReminderRuleKind.MonthlyRealisation:
                var period = deadline.Period!.Value;
                return facts.HasSkp.Contains((person.Id, period.Year)) && !facts.ReportedIn[period.Code].Contains(person.Id) ? 1 : null;
            case ReminderRuleKind.SkpPlanning:
                // An external rater (Kepala Daerah) is no ASN and has no SKP of their own to plan.
                return person.IsExternal || facts.SkpSubmitted.Contains((person.Id, deadline.Period!.Value.Year)) ? null : 1;
            case ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal:
                if (!facts.Teams.TryGetValue(person.Id, out var team))
                {
                    return null;
                }

                var evaluated = facts.Evaluated[deadline.Period!.Value.Code];
                var open = team.Count(m => !evaluated.Contains(m.Id));
                return open == 0 ? null : open;
            default:
                // Feedback requests are loaded only while open.
                return 1;
        }
    }

    /// <summary>The pending-approvals message for a rater: the chosen daily digest, or a nudge when submissions wait too long.</summary>
    private Planned? ApprovalsFor(Employee rater, Clock clock, Facts facts)
    {
        var rule = _options.PendingApprovals;
        if (!facts.Teams.ContainsKey(rater.Id) || !IsSendTime(clock, rule.SendTime))
        {
            return null;
        }

        var pending = facts.PendingApprovals.Where(p => facts.RaterOf.GetValueOrDefault(p.EmployeeId) == rater.Id).OrderBy(p => p.SubmittedAt).ToList();
        if (pending.Count == 0)
        {
            return null;
        }

        if (!rater.ApprovalsAsDigest)
        {
            var oldest = IndonesianTimeZones.LocalDate(pending[0].SubmittedAt, clock.Zone);
            if (!rule.Enabled || (!rule.Mandatory && rater.OptionalNudgesOff)
                || calendar.Working.WorkingDaysBetween(oldest, clock.Date) < rule.NudgeAfterWorkingDays)
            {
                return null;
            }
        }

        var items = pending.Take(ReminderCards.MaxListed).Select(p => new PendingItem(p.EmployeeName, p.What, p.Date)).ToList();
        return new Planned(rater, $"reminder:approvals:{ReminderCalendar.Day(clock.Date)}:{rater.Id}", "reminder.approvals", t =>
        {
            var view = new ApprovalsView(BotUser.AddressOf(rater, t), pending.Count, items, rater.ApprovalsAsDigest, rule.NudgeAfterWorkingDays);
            return (ReminderCards.Approvals(t, view), t["Reminder.Approvals.Title"]);
        });
    }

    /// <summary>One digest for a rater: team members with overdue items, and those the bot cannot reach.</summary>
    private Planned? EscalationFor(Employee rater, DateOnly date, List<Employee> team, HashSet<int> mandatoryToday, Facts facts)
    {
        var alerts = new List<TeamMemberAlert>();
        foreach (var member in team.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var overdue = new List<OverdueItem>();
            foreach (var stage in facts.Stages[date].Where(s => s.IsEscalation))
            {
                if (Outstanding(member, stage.Deadline, facts) is { } count)
                {
                    overdue.Add(new OverdueItem(stage.Deadline.Rule, stage.Deadline.Period, null, count, stage.Deadline.Due));
                }
            }

            foreach (var request in facts.Feedback.Where(f => f.RecipientId == member.Id))
            {
                var deadline = calendar.FeedbackDeadline(request.Id, request.DueDate);
                if (calendar.Options.FeedbackDue.Enabled && calendar.StageOn(deadline, date) is { IsEscalation: true })
                {
                    overdue.Add(new OverdueItem(ReminderRuleKind.FeedbackDue, null, NameOf(request.RequesterId, facts), 1, deadline.Due));
                }
            }

            var unreachable = UnreachableReasonOf(member, facts);
            var newlyUnreachable = NewlyUnreachableSince(member, rater, date, facts);
            var report = overdue.Count > 0 || (unreachable is not null && mandatoryToday.Contains(member.Id)) || newlyUnreachable is not null;
            if (report)
            {
                alerts.Add(new TeamMemberAlert(member.Name, overdue, unreachable, newlyUnreachable));
            }
        }

        if (alerts.Count == 0)
        {
            return null;
        }

        return new Planned(rater, $"reminder:escalation:{ReminderCalendar.Day(date)}:{rater.Id}", "reminder.escalation", t =>
            (ReminderCards.TeamDigest(t, BotUser.AddressOf(rater, t), alerts), t["Reminder.Team.Title"]));
    }

    /// <summary>
    /// Once a week, at the digest time, while the next 60 days are not covered by an official holiday list:
    /// to the configured <see cref="AdminOptions.Contacts"/>, or, when none are configured, to the heads of the
    /// top-level units (the only role the data knows above raters), so that someone loads the year's SKB.
    /// </summary>
    private async Task<List<Planned>> CalendarWarningsAsync(Facts facts, CancellationToken ct)
    {
        var contacts = admin.Value.Contacts;
        var recipients = contacts is { Length: > 0 }
            ? facts.People.Values.Where(p => contacts.Contains(p.Nip)).ToList()
            : (await db.Units.AsNoTracking().Where(u => u.ParentId == null && u.HeadEmployeeId != null).Select(u => u.HeadEmployeeId!.Value).ToListAsync(ct))
                .Where(facts.People.ContainsKey).Select(id => facts.People[id]).ToList();
        var planned = new List<Planned>();
        foreach (var person in recipients)
        {
            var clock = facts.Clocks[person.Id];
            var uncovered = holidays.Uncovered(clock.Date);
            if (uncovered.Count == 0 || !IsSendTime(clock, _options.EscalationSendTime))
            {
                continue;
            }

            var years = string.Join(", ", uncovered.Select(u => u.Year.ToString(CultureInfo.InvariantCulture)));
            var week = clock.Date.AddDays(-(((int)clock.Date.DayOfWeek + 6) % 7));
            planned.Add(new Planned(person, $"calendar:uncovered:{string.Join('-', uncovered.Select(u => u.Year))}:{week:yyyyMMdd}:{person.Id}", "calendar.uncovered", t =>
                (ReminderCards.CalendarUncovered(t, BotUser.AddressOf(person, t), years, HolidayCalendarSource.CoverageDays), t["Calendar.Uncovered.Title"])));
        }

        return planned;
    }

    /// <summary>
    /// The local date on which delivery to <paramref name="member"/> failed for good (Teams: blocked, removed,
    /// chat gone), when that happened since the rater's previous digest time; the digest says so once.
    /// </summary>
    private DateOnly? NewlyUnreachableSince(Employee member, Employee rater, DateOnly date, Facts facts)
    {
        if (!facts.Refs.TryGetValue(member.Id, out var reference) || reference.IsReachable || reference.UnreachableSince is not { } since)
        {
            return null;
        }

        var zone = facts.Clocks[rater.Id].Zone;
        var previous = calendar.Working.PreviousWorkingDayOnOrBefore(date.AddDays(-1));
        var previousDigest = new DateTimeOffset(previous.ToDateTime(_options.EscalationSendTime), zone.GetUtcOffset(previous.ToDateTime(_options.EscalationSendTime)));
        return since >= previousDigest ? IndonesianTimeZones.LocalDate(since, zone) : null;
    }

    private UnreachableReason? UnreachableReasonOf(Employee member, Facts facts)
    {
        if (facts.Refs.TryGetValue(member.Id, out var reference))
        {
            return reference.IsReachable ? null : UnreachableReason.Blocked;
        }

        if (facts.Installations.TryGetValue(member.Id, out var installation))
        {
            return installation.Status == AppInstallationStatus.Unreachable ? UnreachableReason.NotInstalled : null;
        }

        // Never opened the bot and nothing can install it for them.
        return installer.IsEnabled && member.AadObjectId is not null ? null : UnreachableReason.NotInstalled;
    }

    private static Planned ReminderMessage(Nudge nudge, bool mandatory)
    {
        var deadline = nudge.Stage.Deadline;
        return new Planned(nudge.To, nudge.Key, "reminder." + deadline.Rule, t =>
        {
            var view = new ReminderView(deadline.Rule, deadline.Occurrence, deadline.Due, nudge.Stage.WorkingDays, BotUser.AddressOf(nudge.To, t),
                deadline.Period, nudge.Counterpart, nudge.Count, mandatory, nudge.IsRepeat);
            return (ReminderCards.Reminder(t, view), t["Reminder.Title." + deadline.Rule]);
        });
    }

    private static string? NameOf(int employeeId, Facts facts) => facts.People.TryGetValue(employeeId, out var e) ? e.Name : null;

    // ---------- queueing ----------

    private sealed record QueueResult(Dictionary<string, int> Planned, int AlreadyPlanned, int Unreachable);

    private async Task<QueueResult> QueueAsync(List<Planned> planned, Facts facts, DateTimeOffset now, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        if (planned.Count == 0)
        {
            return new QueueResult(counts, 0, 0);
        }

        var keys = planned.Select(p => p.Key).ToList();
        var existing = (await db.Outbox.AsNoTracking().Where(o => keys.Contains(o.Key)).Select(o => o.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var installBudget = _options.Graph.MaxInstallsPerTick;
        var unreachable = 0;
        var rows = new List<(Planned Plan, OutboxMessage Row)>();
        foreach (var plan in planned.Where(p => !existing.Contains(p.Key)))
        {
            var reference = await ReachAsync(plan.To, facts, now, () => installBudget-- > 0, ct);
            if (reference is null)
            {
                unreachable++;
                continue;
            }

            var t = Texts.ForPerson(plan.To.Language);
            var (card, summary) = plan.Build(t);
            var activity = new Activity { Type = ActivityTypes.Message, Summary = summary, Attachments = [card.ToAttachment()] };
            rows.Add((plan, outbox.Send(reference, activity, plan.Purpose, plan.Key, notBefore: now)));
        }

        var saved = await SaveAsync(rows, ct);
        foreach (var plan in saved)
        {
            counts[plan.Purpose] = counts.GetValueOrDefault(plan.Purpose) + 1;
        }

        LogPlanned(logger, saved.Count, existing.Count + rows.Count - saved.Count, unreachable);
        return new QueueResult(counts, existing.Count + rows.Count - saved.Count, unreachable);
    }

    /// <summary>Saves the rows; a key another instance queued meanwhile is skipped, the rest are kept.</summary>
    private async Task<List<Planned>> SaveAsync(List<(Planned Plan, OutboxMessage Row)> rows, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return rows.Select(r => r.Plan).ToList();
        }
        catch (DbUpdateException)
        {
            // A duplicate key is a no-op by design; find out which, row by row.
            db.ChangeTracker.Clear();
        }

        var saved = new List<Planned>();
        foreach (var (plan, row) in rows)
        {
            row.Id = 0;
            db.Outbox.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                saved.Add(plan);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return saved;
    }

    /// <summary>
    /// Where to message the person: their stored conversation, or, for someone who never opened the bot,
    /// a chat obtained by installing the app for them through Graph. Null when they cannot be reached now.
    /// </summary>
    private async Task<ConversationRef?> ReachAsync(Employee person, Facts facts, DateTimeOffset now, Func<bool> mayInstall, CancellationToken ct)
    {
        if (facts.Refs.TryGetValue(person.Id, out var known))
        {
            return known.IsReachable ? known : null;
        }

        if (!installer.IsEnabled || person.AadObjectId is null)
        {
            return null;
        }

        if (facts.Installations.TryGetValue(person.Id, out var earlier) && earlier.Status == AppInstallationStatus.Unreachable
            && now - earlier.AttemptedAt < _options.Graph.RetryUnreachableAfter)
        {
            return null;
        }

        var (serviceUrl, tenantId) = await DeliveryEndpointAsync(ct);
        if (serviceUrl is null || !mayInstall())
        {
            return null;
        }

        var result = await installer.InstallAsync(person.AadObjectId, ct);
        if (result.Outcome == InstallOutcome.Failed)
        {
            return null;
        }

        var installation = await db.AppInstallations.FirstOrDefaultAsync(a => a.EmployeeId == person.Id, ct);
        if (installation is null)
        {
            installation = new AppInstallation { EmployeeId = person.Id };
            db.AppInstallations.Add(installation);
        }

        installation.Status = result.Outcome == InstallOutcome.Installed ? AppInstallationStatus.Installed : AppInstallationStatus.Unreachable;
        installation.Detail = result.Detail;
        installation.ChatId = result.ChatId;
        installation.AttemptedAt = now;
        facts.Installations[person.Id] = installation;
        ConversationRef? reference = null;
        if (result.Outcome == InstallOutcome.Installed)
        {
            // The real Teams user id (29:…) is not known until they write; the placeholder is replaced then.
            reference = new ConversationRef
            {
                UserId = PlaceholderUserPrefix + person.AadObjectId,
                AadObjectId = person.AadObjectId,
                EmployeeId = person.Id,
                ServiceUrl = serviceUrl,
                ConversationId = result.ChatId!,
                ChannelId = "msteams",
                TenantId = tenantId,
                FirstSeenAt = now,
                LastSeenAt = now,
            };
            db.ConversationRefs.Add(reference);
            facts.Refs[person.Id] = reference;
        }

        await db.SaveChangesAsync(ct);
        return reference;
    }

    private (string? ServiceUrl, string? TenantId)? _endpoint;

    private async Task<(string? ServiceUrl, string? TenantId)> DeliveryEndpointAsync(CancellationToken ct)
    {
        if (_endpoint is { } known)
        {
            return known;
        }

        var graph = _options.Graph;
        var latest = await db.ConversationRefs.AsNoTracking()
            .Where(c => !c.UserId.StartsWith(PlaceholderUserPrefix) && (graph.TenantId == null || c.TenantId == graph.TenantId))
            .OrderByDescending(c => c.LastSeenAt).Select(c => new { c.ServiceUrl, c.TenantId }).FirstOrDefaultAsync(ct);
        var endpoint = (string.IsNullOrWhiteSpace(graph.ServiceUrl) ? latest?.ServiceUrl : graph.ServiceUrl, graph.TenantId ?? latest?.TenantId);
        if (endpoint.Item1 is null)
        {
            LogNoServiceUrl(logger);
        }

        _endpoint = endpoint;
        return endpoint;
    }

    // ---------- loading ----------

    private async Task<Facts> LoadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var people = await db.Employees.AsNoTracking().Where(e => e.IsActive).ToDictionaryAsync(e => e.Id, ct);
        var clocks = people.Values.ToDictionary(p => p.Id, p =>
        {
            var zone = IndonesianTimeZones.Resolve(p.TimeZone);
            var local = TimeZoneInfo.ConvertTime(now, zone);
            return new Clock(zone, DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
        });
        var dates = clocks.Values.Select(c => c.Date).Distinct().ToList();
        var stages = dates.ToDictionary(d => d, d => calendar.StagesOn(d));
        var minDate = dates.Count == 0 ? DateOnly.FromDateTime(now.UtcDateTime) : dates.Min();
        var maxDate = dates.Count == 0 ? minDate : dates.Max();

        var raterOf = await EffectiveRatersAsync(people, clocks, minDate, maxDate, ct);
        var teams = raterOf.Where(r => people.ContainsKey(r.Value)).GroupBy(r => r.Value)
            .ToDictionary(g => g.Key, g => g.Select(r => people[r.Key]).ToList());

        var refs = (await db.ConversationRefs.AsNoTracking().Where(c => c.EmployeeId != null).ToListAsync(ct))
            .GroupBy(c => c.EmployeeId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.IsReachable).ThenByDescending(c => c.LastSeenAt).First());
        var installations = await db.AppInstallations.ToDictionaryAsync(a => a.EmployeeId, ct);

        var years = dates.SelectMany(d => new[] { d.Year - 1, d.Year, d.Year + 1 }).Distinct().ToList();
        var skps = await db.Skps.AsNoTracking().Where(s => years.Contains(s.Year)).Select(s => new { s.EmployeeId, s.Year, s.Status }).ToListAsync(ct);
        var snoozes = await db.ReminderSnoozes.AsNoTracking().Where(s => dates.Contains(s.Until)).ToListAsync(ct);
        var deadlines = stages.Values.SelectMany(s => s).Select(s => s.Deadline).ToList();
        foreach (var snooze in snoozes)
        {
            if (Enum.TryParse<ReminderRuleKind>(snooze.Rule, out var kind) && calendar.Find(kind, snooze.Occurrence) is { } d)
            {
                deadlines.Add(d);
            }
        }

        var loggedOn = new HashSet<(int, DateOnly)>();
        foreach (var day in deadlines.Where(d => d.Rule == ReminderRuleKind.DailyProgress).Select(d => d.Due).Distinct())
        {
            var ids = await db.ProgressEntries.Where(p => p.Date == day && p.Status != ProgressStatus.Withdrawn).Select(p => p.EmployeeId).Distinct().ToListAsync(ct);
            loggedOn.UnionWith(ids.Select(id => (id, day)));
        }

        var reportedIn = new Dictionary<string, HashSet<int>>();
        var evaluated = new Dictionary<string, HashSet<int>>();
        foreach (var deadline in deadlines.Where(d => d.Period is not null).DistinctBy(d => (d.Rule, d.Occurrence)))
        {
            var period = deadline.Period!.Value;
            if (deadline.Rule == ReminderRuleKind.MonthlyRealisation && !reportedIn.ContainsKey(period.Code))
            {
                var (start, end) = (period.Start, period.End);
                reportedIn[period.Code] = (await db.ProgressEntries
                    .Where(p => p.Date >= start && p.Date <= end && (p.Status == ProgressStatus.Submitted || p.Status == ProgressStatus.Approved))
                    .Select(p => p.EmployeeId).Distinct().ToListAsync(ct)).ToHashSet();
            }
            else if (deadline.Rule is ReminderRuleKind.QuarterlyEvaluation or ReminderRuleKind.AnnualAppraisal && !evaluated.ContainsKey(period.Code))
            {
                var code = period.Code;
                evaluated[code] = (await db.Appraisals.Where(a => a.PeriodCode == code && EvaluatedStatuses.Contains(a.Status))
                    .Select(a => a.EmployeeId).Distinct().ToListAsync(ct)).ToHashSet();
            }
        }

        // Feedback deadlines are at most 60 working days (under three months) away from a reminder day.
        var (feedbackFrom, feedbackTo) = (minDate.AddDays(-100), maxDate.AddDays(100));
        var feedback = await db.FeedbackRequests.AsNoTracking()
            .Where(f => f.Status == FeedbackRequestStatus.Open && f.DueDate != null && f.DueDate >= feedbackFrom && f.DueDate <= feedbackTo)
            .Select(f => new FeedbackDue(f.Id, f.RequesterId, f.RecipientId, f.DueDate!.Value)).ToListAsync(ct);

        var pendingEntries = await db.ProgressEntries.AsNoTracking().Where(p => p.Status == ProgressStatus.Submitted)
            .Select(p => new { p.EmployeeId, EmployeeName = p.Employee!.Name, p.Indicator!.Text, p.Value, p.Indicator.Unit, p.Date, p.SubmittedAt })
            .ToListAsync(ct);
        var pendingSkps = skps.Where(s => s.Status == SkpStatus.Submitted && people.ContainsKey(s.EmployeeId)).ToList();
        var pending = pendingEntries
            .Select(p => new Pending(p.EmployeeId, p.EmployeeName, $"{p.Text}: {p.Value.ToString("0.##", CultureInfo.InvariantCulture)} {p.Unit}", p.Date, p.SubmittedAt))
            .Concat(pendingSkps.Select(s => new Pending(s.EmployeeId, people[s.EmployeeId].Name, "SKP " + s.Year.ToString(CultureInfo.InvariantCulture), new DateOnly(s.Year, 1, 1), now)))
            .ToList();

        return new Facts
        {
            People = people,
            Clocks = clocks,
            RaterOf = raterOf,
            Teams = teams,
            Refs = refs,
            Installations = installations,
            HasSkp = skps.Select(s => (s.EmployeeId, s.Year)).ToHashSet(),
            SkpSubmitted = skps.Where(s => s.Status is SkpStatus.Submitted or SkpStatus.Approved).Select(s => (s.EmployeeId, s.Year)).ToHashSet(),
            LoggedOn = loggedOn,
            ReportedIn = reportedIn,
            Evaluated = evaluated,
            Feedback = feedback,
            Snoozes = snoozes,
            PendingApprovals = pending,
            Stages = stages,
        };
    }

    /// <summary>Each employee's rater on their local date: the definitive one, or whoever acts for them (Plt/Plh).</summary>
    private async Task<Dictionary<int, int>> EffectiveRatersAsync(
        Dictionary<int, Employee> people, Dictionary<int, Clock> clocks, DateOnly minDate, DateOnly maxDate, CancellationToken ct)
    {
        var actings = (await db.ActingAssignments.AsNoTracking().Where(a => a.From <= maxDate && a.To >= minDate).ToListAsync(ct))
            .Select(a => new ActingAssignment(a.SupervisorId.ToString(CultureInfo.InvariantCulture), a.ActingEmployeeId.ToString(CultureInfo.InvariantCulture), a.From, a.To, a.Kind))
            .ToList();
        var result = new Dictionary<int, int>();
        foreach (var person in people.Values.Where(p => p.RaterId is not null))
        {
            var effective = RaterResolver.EffectiveRater(person.RaterId!.Value.ToString(CultureInfo.InvariantCulture), actings, clocks[person.Id].Date);
            if (effective is not null)
            {
                result[person.Id] = int.Parse(effective, CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    [LoggerMessage(5000, LogLevel.Information, "Reminder planning: {Planned} queued, {Already} already queued, {Unreachable} unreachable")]
    private static partial void LogPlanned(ILogger logger, int planned, int already, int unreachable);

    [LoggerMessage(5001, LogLevel.Warning, "No service URL for chats installed through Graph: set Reminders:Graph:ServiceUrl or wait for a first user message")]
    private static partial void LogNoServiceUrl(ILogger logger);
}

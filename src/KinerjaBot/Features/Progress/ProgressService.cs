using System.Globalization;
using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Progress;

/// <summary>Outcome of a submit: the stored entry as its cards show it, or a message saying what to fix.</summary>
public sealed record SubmitResult(EntryView? Entry, string? Error);

/// <summary>Recording, changing and reviewing progress entries, and keeping every card about them current.</summary>
public sealed class ProgressService(KinerjaDbContext db)
{
    public const string SubjectPrefix = "progress:";
    public const int MaxNote = 2000;
    public const int MaxEvidence = 4000;

    /// <summary>The employee's indicators of this year's SKP with what was reported so far.</summary>
    public async Task<List<IndicatorProgress>> IndicatorsAsync(int employeeId, DateOnly today, CancellationToken ct)
    {
        var yearStart = new DateOnly(today.Year, 1, 1);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        // One round trip: the indicators with this year's reports (in the order they were made, for Realisation).
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.Rhk!.Skp!.EmployeeId == employeeId && i.Rhk.Skp.Year == today.Year)
            .OrderBy(i => i.Rhk!.Kind).ThenBy(i => i.Rhk!.Order).ThenBy(i => i.Order)
            .Select(i => new
            {
                i.Id, i.Text, i.Unit, i.Target, i.Combination, i.Direction, RhkText = i.Rhk!.Text, RhkKind = i.Rhk.Kind,
                Reports = db.ProgressEntries
                    .Where(p => p.IndicatorId == i.Id && p.Date >= yearStart && (p.Status == ProgressStatus.Approved || p.Status == ProgressStatus.Submitted))
                    .OrderBy(p => p.Id)
                    .Select(p => new ProgressEntryValue(p.Status, p.Date, p.Value))
                    .ToList(),
            })
            .ToListAsync(ct);
        return indicators.Select(i =>
        {
            var measure = new IndicatorMeasure(i.Combination, i.Direction);
            return new IndicatorProgress(
                i.Id, i.Text, i.Unit, i.Target, i.RhkText, i.RhkKind, measure,
                Realisation.Figures(measure, i.Target, i.Reports.Select(r => (r.Date, r.Value, r.Status == ProgressStatus.Approved))),
                ThisMonth: Realisation.Of(i.Combination, i.Reports.Where(r => r.Date >= monthStart).Select(r => (r.Date, r.Value))));
        }).ToList();
    }

    /// <summary>
    /// Validates and stores a new entry (saved, so its cards can name it; the caller saves the cards with the
    /// replies, in its transaction), and queues its cards. <paramref name="indicators"/> are the user's, from <see cref="IndicatorsAsync"/>.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Turn turn, IReadOnlyList<IndicatorProgress> indicators, RaterContact? rater, string? indicatorText, string? valueText, string? dateText, string? note, string? evidence)
    {
        var t = turn.T;
        var employee = turn.User.Employee!;
        if (!int.TryParse(indicatorText, NumberStyles.None, CultureInfo.InvariantCulture, out var indicatorId) || indicators.All(i => i.IndicatorId != indicatorId))
        {
            return new SubmitResult(null, t["Progress.Error.Indicator"]);
        }

        var date = turn.Today;
        var error = ValidateValue(t, valueText, indicators.First(i => i.IndicatorId == indicatorId).Unit, out var value)
                    ?? ValidateDate(t, dateText, turn.Today, out date)
                    ?? ValidateEvidence(t, evidence)
                    ?? ValidateText(t, note, evidence);
        if (error is not null)
        {
            return new SubmitResult(null, error);
        }

        var entry = new ProgressEntry
        {
            IndicatorId = indicatorId,
            EmployeeId = employee.Id,
            Date = date,
            Value = value,
            Note = Clean(note, MaxNote),
            Evidence = Clean(evidence, MaxEvidence),
            Status = ProgressStatus.Submitted,
            SubmittedAt = turn.Now,
        };
        db.ProgressEntries.Add(entry);
        await db.SaveChangesAsync(turn.Cancellation);
        return new SubmitResult(await SendCardsAsync(turn, entry.Id, rater), null);
    }

    /// <summary>
    /// Reads a value typed into a card for an indicator with <paramref name="unit"/>. A card cannot ask back,
    /// so "1.200" is settled by the unit, then by the user's language (<see cref="NumberReading.ResolveFor"/>).
    /// </summary>
    internal static string? ValidateValue(Texts t, string? text, string unit, out decimal value)
    {
        value = 0;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith('-'))
        {
            return t["Progress.Error.Negative"];
        }

        if (!NumberReading.TryRead(trimmed, out var reading))
        {
            return t.Format("Progress.Error.NotANumber", trimmed);
        }

        value = reading.ResolveFor(unit, t.Language);
        var limit = ProgressParser.LimitFor(unit);
        return value > limit ? t.Format("Progress.Error.TooLarge", t.Number(limit)) : null;
    }

    private static string? ValidateDate(Texts t, string? text, DateOnly today, out DateOnly date)
    {
        date = today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return t["Progress.Error.Date"];
        }

        return date > today || date.Year != today.Year ? t["Progress.Error.DateRange"] : null;
    }

    internal static string? ValidateEvidence(Texts t, string? evidence)
    {
        var lines = (evidence ?? "").Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries);
        return lines.Length > ProgressCards.EvidenceLinks(evidence).Count ? t["Progress.Error.Evidence"] : null;
    }

    /// <summary>Too long is refused, not cut: what people wrote is theirs (the card's inputs stop them earlier; chat does not).</summary>
    internal static string? ValidateText(Texts t, string? note, string? evidence) =>
        note?.Trim().Length > MaxNote ? t.Format("Progress.Error.NoteTooLong", MaxNote)
        : evidence?.Trim().Length > MaxEvidence ? t.Format("Progress.Error.EvidenceTooLong", MaxEvidence)
        : null;

    private static string? Clean(string? text, int max) => StoredText.Fit(text, max);

    public async Task<EntryView?> ViewAsync(int entryId, CancellationToken ct)
    {
        // One round trip: the entry, its indicator's reports of the entry's year (for the figures) and the reviewer.
        var e = await db.ProgressEntries.AsNoTracking()
            .Where(p => p.Id == entryId)
            .Select(p => new
            {
                p.Id, p.Version, p.Status, p.Date, p.Value, p.Note, p.Evidence, p.ReviewNote, p.EmployeeId,
                EmployeeName = p.Employee!.Name, p.Employee.Nip, p.IndicatorId, IndicatorText = p.Indicator!.Text,
                p.Indicator.Unit, p.Indicator.Target, p.Indicator.Combination, p.Indicator.Direction,
                ReviewerName = db.Employees.Where(x => x.Id == p.ReviewedById).Select(x => x.Name).FirstOrDefault(),
                Reports = db.ProgressEntries
                    // Correlated on the indicator alone (a year test on the outer row would need APPLY, which SQLite lacks);
                    // an indicator belongs to one year's SKP, and the year is checked below all the same.
                    .Where(r => r.IndicatorId == p.IndicatorId && (r.Status == ProgressStatus.Approved || r.Status == ProgressStatus.Submitted))
                    .OrderBy(r => r.Id)
                    .Select(r => new ProgressEntryValue(r.Status, r.Date, r.Value))
                    .ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return null;
        }

        var measure = new IndicatorMeasure(e.Combination, e.Direction);
        var figures = Realisation.Figures(measure, e.Target, e.Reports.Where(r => r.Date.Year == e.Date.Year).Select(r => (r.Date, r.Value, r.Status == ProgressStatus.Approved)));
        return new EntryView(e.Id, e.Version, e.Status, e.Date, e.Value, e.Note, e.Evidence, e.ReviewNote, e.EmployeeId, e.EmployeeName, e.Nip,
            e.IndicatorId, e.IndicatorText, e.Unit, e.Target, measure, figures, e.ReviewerName);
    }

    /// <summary>The rater on <paramref name="onDate"/>: the definitive rater, or whoever acts for them (Plt/Plh).</summary>
    public async Task<int?> EffectiveRaterAsync(int employeeId, DateOnly onDate, CancellationToken ct)
    {
        var raterId = await db.Employees.Where(e => e.Id == employeeId).Select(e => e.RaterId).FirstOrDefaultAsync(ct);
        return await ActingForAsync(raterId, onDate, ct);
    }

    /// <summary>Whoever rates in place of the definitive rater <paramref name="raterId"/> on <paramref name="onDate"/> (Plt/Plh), or that rater.</summary>
    private async Task<int?> ActingForAsync(int? raterId, DateOnly onDate, CancellationToken ct)
    {
        if (raterId is null)
        {
            return null;
        }

        var actings = await db.ActingAssignments.AsNoTracking().Where(a => a.SupervisorId == raterId).ToListAsync(ct);
        var effective = RaterResolver.EffectiveRater(
            raterId.Value.ToString(CultureInfo.InvariantCulture),
            actings.Select(a => new ActingAssignment(a.SupervisorId.ToString(CultureInfo.InvariantCulture), a.ActingEmployeeId.ToString(CultureInfo.InvariantCulture), a.From, a.To, a.Kind)),
            onDate);
        return effective is null ? null : int.Parse(effective, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sends the employee's card and the rater's card for a new entry of the turn's user, and records both for
    /// later updates; returns the entry as the cards show it.
    /// </summary>
    private async Task<EntryView> SendCardsAsync(Turn turn, int entryId, RaterContact? rater)
    {
        var view = (await ViewAsync(entryId, turn.Cancellation))!;
        var employeeRef = turn.User.Reference;
        var raterId = rater?.EmployeeId;
        var raterRef = rater?.Reference;
        var refreshIds = new List<string> { employeeRef.UserId };
        if (raterRef is not null)
        {
            refreshIds.Add(raterRef.UserId);
        }

        Track(view.Id, employeeRef.EmployeeId!.Value, turn.ReplyCard(ProgressCards.ForEmployee(turn.T, view, refreshIds), turn.T["Progress.Employee.Title"]));

        SendReviewCard(turn, view, rater, refreshIds);
        return view;
    }

    /// <summary>
    /// A corrected report that goes back to the rater reaches them as a new card, as a new report does: editing
    /// their old cards in place raises no alert in Teams.
    /// </summary>
    public async Task SendReviewAgainAsync(Turn turn, EntryView view)
    {
        var rater = await RaterContactAsync(turn);
        var refreshIds = new List<string> { turn.User.Reference.UserId };
        if (rater?.Reference is { } raterRef)
        {
            refreshIds.Add(raterRef.UserId);
        }

        SendReviewCard(turn, view, rater, refreshIds);
    }

    private void SendReviewCard(Turn turn, EntryView view, RaterContact? rater, List<string> refreshIds)
    {
        // A rater who chose the daily digest gets this entry in it (Features/Reminders) instead of a card now.
        if (rater?.Reference is not { } raterRef || rater.ApprovalsAsDigest)
        {
            return;
        }

        var raterT = Texts.ForPerson(rater.Language);
        var activity = new Activity { Type = ActivityTypes.Message, Summary = raterT.Format("Progress.Reviewer.Title", view.EmployeeName) };
        activity.Attachments = [ProgressCards.ForReviewer(raterT, view, refreshIds).ToAttachment()];
        var row = turn.Outbox.Send(raterRef, activity, "progress.review", $"progress.review:{view.Id}:{view.Version}:{rater.EmployeeId}");
        Track(view.Id, rater.EmployeeId, row);
    }

    /// <summary>
    /// Who reviews the turn's user's entries today (the rater, or whoever acts for them), with how and where
    /// they get review cards. Read before the transaction that stores an entry: on SQLite that transaction
    /// holds the one write lock, so what can be read first is read first.
    /// </summary>
    public async Task<RaterContact?> RaterContactAsync(Turn turn)
    {
        // The entry is the user's own, so their rater is on the employee row this turn loaded.
        var raterId = await ActingForAsync(turn.User.Employee!.RaterId, turn.Today, turn.Cancellation);
        if (raterId is null)
        {
            return null;
        }

        var rater = await (
                from e in db.Employees.Where(e => e.Id == raterId)
                from c in db.ConversationRefs.AsNoTracking().Where(c => c.EmployeeId == raterId).DefaultIfEmpty()
                select new { e.ApprovalsAsDigest, e.Language, Reference = c })
            .FirstOrDefaultAsync(turn.Cancellation);
        return rater is null ? null : new RaterContact(raterId.Value, rater.ApprovalsAsDigest, rater.Language, rater.Reference);
    }

    private void Track(int entryId, int recipientEmployeeId, OutboxMessage row) =>
        db.CardMessages.Add(new CardMessage { Subject = SubjectPrefix + entryId, RecipientEmployeeId = recipientEmployeeId, CreatedAt = row.CreatedAt, OutboxId = 0, Outbox = row });

    private async Task<Texts> TextsForAsync(int employeeId, CancellationToken ct) =>
        Texts.ForPerson(await db.Employees.Where(e => e.Id == employeeId).Select(e => e.Language).FirstOrDefaultAsync(ct));

    /// <summary>The card a given person should see for an entry right now.</summary>
    public async Task<AdaptiveCard> CardForAsync(int viewerEmployeeId, EntryView view, Texts t, DateOnly today, CancellationToken ct)
    {
        var refreshIds = await RefreshIdsAsync(view, today, ct);
        if (viewerEmployeeId == view.EmployeeId)
        {
            return ProgressCards.ForEmployee(t, view, refreshIds);
        }

        var raterId = await EffectiveRaterAsync(view.EmployeeId, today, ct);
        return raterId == viewerEmployeeId ? ProgressCards.ForReviewer(t, view, refreshIds) : ProgressCards.ReadOnly(t, view);
    }

    private async Task<List<string>> RefreshIdsAsync(EntryView view, DateOnly today, CancellationToken ct)
    {
        var raterId = await EffectiveRaterAsync(view.EmployeeId, today, ct);
        return await db.ConversationRefs.Where(c => c.EmployeeId == view.EmployeeId || (raterId != null && c.EmployeeId == raterId))
            .Select(c => c.UserId).ToListAsync(ct);
    }

    /// <summary>
    /// Queues an update of every card about the entry except the one the acting user clicked (that one is
    /// replaced by the invoke response), each rendered for its recipient.
    /// </summary>
    public async Task UpdateOtherCardsAsync(Turn turn, EntryView view)
    {
        var subject = SubjectPrefix + view.Id;
        var clicked = turn.Activity.ReplyToId;
        var cards = await db.CardMessages.Where(c => c.Subject == subject).Join(db.Outbox, c => c.OutboxId, o => o.Id, (c, o) => new { c.RecipientEmployeeId, Outbox = o })
            .ToListAsync(turn.Cancellation);
        foreach (var card in cards)
        {
            if (clicked is not null && card.Outbox.SentActivityId == clicked)
            {
                continue;
            }

            var reference = await db.ConversationRefs.FirstOrDefaultAsync(c => c.UserId == card.Outbox.RecipientUserId, turn.Cancellation);
            var t = reference is null ? turn.T : await TextsForAsync(card.RecipientEmployeeId, turn.Cancellation);
            var content = await CardForAsync(card.RecipientEmployeeId, view, t, turn.Today, turn.Cancellation);
            var activity = new Activity { Type = ActivityTypes.Message, Attachments = [content.ToAttachment()] };
            turn.Outbox.Update(card.Outbox, activity, "progress.card-update");
        }
    }
}

/// <summary>A rater as far as sending them a review card goes; <see cref="Reference"/> is null before they ever wrote.</summary>
public sealed record RaterContact(int EmployeeId, bool ApprovalsAsDigest, string? Language, ConversationRef? Reference);

internal readonly record struct ProgressEntryValue(ProgressStatus Status, DateOnly Date, decimal Value);

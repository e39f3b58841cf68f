using System.Globalization;
using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using KinerjaBot.Domain;
using KinerjaBot.Features.Progress;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Feedback;

/// <summary>Someone a request can go to.</summary>
public sealed record FeedbackRecipientChoice(int EmployeeId, string Name, bool IsRater);

/// <summary>What feedback is about: an RHK, a progress entry or a BerAKHLAK value; <see cref="Code"/> is "rhk:1", "entry:5" or "value:akuntabel".</summary>
public sealed record FeedbackSubject(string Code, int? RhkId, int? ProgressEntryId, BerAkhlakValue? Behaviour, string? RhkText, string? EntryIndicator, decimal? EntryValue, string? EntryUnit, DateOnly? EntryDate)
{
    public string Describe(Texts t) => this switch
    {
        { Behaviour: { } v } => t.Format("Feedback.Subject.Value", BerAkhlak.IndonesianName(v)),
        { ProgressEntryId: not null } => t.Format("Feedback.Subject.Entry", t.Date(EntryDate!.Value), t.Number(EntryValue!.Value), EntryUnit, EntryIndicator),
        { RhkId: not null } => t.Format("Feedback.Subject.Rhk", RhkText),
        _ => t["Feedback.Subject.General"],
    };
}

/// <summary>A feedback request with everything its cards show.</summary>
public sealed record FeedbackView(
    int Id, int Version, FeedbackRequestStatus Status, int RequesterId, string RequesterName, int RecipientId, string RecipientName,
    FeedbackSubject Subject, string? Question, DateOnly? DueDate, DateTimeOffset CreatedAt, string? DeclineReason, string? Answer);

/// <summary>Requests, answers and unprompted notes of umpan balik, and keeping every card about a request current.</summary>
public sealed class FeedbackService(KinerjaDbContext db, ProgressService progress)
{
    public const string SubjectPrefix = "feedback:";
    public const int MaxText = 2000;

    public Task<int?> EffectiveRaterAsync(int employeeId, DateOnly today, CancellationToken ct) => progress.EffectiveRaterAsync(employeeId, today, ct);

    /// <summary>The rater, and the peers of the same unit when the unit allows peer feedback.</summary>
    public async Task<List<FeedbackRecipientChoice>> RecipientsAsync(Employee requester, DateOnly today, CancellationToken ct)
    {
        var result = new List<FeedbackRecipientChoice>();
        var raterId = await EffectiveRaterAsync(requester.Id, today, ct);
        if (raterId is not null && await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == raterId && e.IsActive, ct) is { } rater)
        {
            result.Add(new FeedbackRecipientChoice(rater.Id, rater.Name, true));
        }

        if (await db.Units.Where(u => u.Id == requester.UnitId).Select(u => u.AllowPeerFeedback).FirstOrDefaultAsync(ct))
        {
            var peers = await db.Employees.AsNoTracking()
                .Where(e => e.UnitId == requester.UnitId && e.IsActive && e.Id != requester.Id && e.Id != raterId)
                .OrderBy(e => e.Name).Take(40).Select(e => new FeedbackRecipientChoice(e.Id, e.Name, false)).ToListAsync(ct);
            result.AddRange(peers);
        }

        return result;
    }

    /// <summary>The employee's RHK of this year, their latest progress entries, and the seven values.</summary>
    public async Task<List<FeedbackSubject>> SubjectsAsync(int employeeId, DateOnly today, CancellationToken ct)
    {
        var rhks = await db.Rhks.AsNoTracking().Where(r => r.Skp!.EmployeeId == employeeId && r.Skp.Year == today.Year)
            .OrderBy(r => r.Kind).ThenBy(r => r.Order).Select(r => new { r.Id, r.Text }).ToListAsync(ct);
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(p => p.EmployeeId == employeeId && p.Status != ProgressStatus.Withdrawn)
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(8)
            .Select(p => new { p.Id, p.Date, p.Value, p.Indicator!.Unit, IndicatorText = p.Indicator.Text }).ToListAsync(ct);
        var subjects = rhks.Select(r => new FeedbackSubject("rhk:" + r.Id.ToString(CultureInfo.InvariantCulture), r.Id, null, null, r.Text, null, null, null, null)).ToList();
        subjects.AddRange(entries.Select(e => new FeedbackSubject("entry:" + e.Id.ToString(CultureInfo.InvariantCulture), null, e.Id, null, null, e.IndicatorText, e.Value, e.Unit, e.Date)));
        subjects.AddRange(BerAkhlak.All.Select(v => new FeedbackSubject("value:" + BerAkhlak.Code(v), null, null, v, null, null, null, null, null)));
        return subjects;
    }

    public async Task<FeedbackSubject> SubjectOfAsync(int? rhkId, int? entryId, BerAkhlakValue? behaviour, CancellationToken ct)
    {
        if (behaviour is { } v)
        {
            return new FeedbackSubject("value:" + BerAkhlak.Code(v), null, null, v, null, null, null, null, null);
        }

        if (entryId is { } e && await db.ProgressEntries.AsNoTracking().Where(p => p.Id == e)
                .Select(p => new { p.Date, p.Value, p.Indicator!.Unit, p.Indicator.Text }).FirstOrDefaultAsync(ct) is { } entry)
        {
            return new FeedbackSubject("entry:" + e.ToString(CultureInfo.InvariantCulture), null, e, null, null, entry.Text, entry.Value, entry.Unit, entry.Date);
        }

        if (rhkId is { } r && await db.Rhks.AsNoTracking().Where(x => x.Id == r).Select(x => x.Text).FirstOrDefaultAsync(ct) is { } text)
        {
            return new FeedbackSubject("rhk:" + r.ToString(CultureInfo.InvariantCulture), r, null, null, text, null, null, null, null);
        }

        return new FeedbackSubject("general", null, null, null, null, null, null, null, null);
    }

    public async Task<FeedbackView?> ViewAsync(int requestId, CancellationToken ct)
    {
        var r = await db.FeedbackRequests.AsNoTracking().FirstOrDefaultAsync(f => f.Id == requestId, ct);
        if (r is null)
        {
            return null;
        }

        var names = await db.Employees.AsNoTracking().Where(e => e.Id == r.RequesterId || e.Id == r.RecipientId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var answer = await db.FeedbackNotes.AsNoTracking().Where(n => n.RequestId == r.Id).OrderBy(n => n.Id).Select(n => n.Text).FirstOrDefaultAsync(ct);
        var subject = await SubjectOfAsync(r.RhkId, r.ProgressEntryId, r.Behaviour, ct);
        return new FeedbackView(r.Id, r.Version, r.Status, r.RequesterId, names.GetValueOrDefault(r.RequesterId, "?"), r.RecipientId, names.GetValueOrDefault(r.RecipientId, "?"),
            subject, r.Question, r.DueDate, r.CreatedAt, r.DeclineReason, answer);
    }

    /// <summary>The card a given person should see for a request right now.</summary>
    public async Task<AdaptiveCard> CardForAsync(int viewerId, FeedbackView view, Texts t, CancellationToken ct)
    {
        var refresh = await CardCopies.UserIdsAsync(db, [view.RequesterId, view.RecipientId], ct);
        if (viewerId == view.RecipientId)
        {
            return FeedbackCards.ForRecipient(t, view, refresh);
        }

        return viewerId == view.RequesterId ? FeedbackCards.ForRequester(t, view, refresh) : FeedbackCards.ReadOnly(t, view, refresh);
    }

    public Task UpdateOtherCardsAsync(Turn turn, FeedbackView view) => UpdateOtherCardsAsync(turn.Outbox, turn.Activity.ReplyToId, view, turn.Cancellation);

    private Task UpdateOtherCardsAsync(Outbox outbox, string? clicked, FeedbackView view, CancellationToken ct) =>
        CardCopies.UpdateOthersAsync(db, outbox, clicked, SubjectPrefix + view.Id, (viewer, t) => CardForAsync(viewer, view, t, ct), "feedback.card-update", ct);

    /// <summary>Sends the recipient's card for a request (proactively) and records it.</summary>
    public Task<bool> SendToRecipientAsync(Turn turn, FeedbackView view) => SendToRecipientAsync(turn.Outbox, view, turn.Cancellation);

    private async Task<bool> SendToRecipientAsync(Outbox outbox, FeedbackView view, CancellationToken ct)
    {
        var to = await CardCopies.RecipientAsync(db, view.RecipientId, ct);
        var card = await CardForAsync(view.RecipientId, view, to.T, ct);
        return CardCopies.Send(db, outbox, to, card, to.T.Format("Feedback.Recipient.Title", view.RequesterName), "feedback.request",
            $"feedback.request:{view.Id}:{view.RecipientId}:{view.Version}", SubjectPrefix + view.Id);
    }

    /// <summary>
    /// Whether the recipient can still answer: active, and either the requester's current (acting) rater or a
    /// peer in the requester's unit where peer feedback is allowed.
    /// </summary>
    public async Task<bool> RecipientStillValidAsync(FeedbackRequest request, DateOnly today, CancellationToken ct)
    {
        var recipient = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.RecipientId, ct);
        var requester = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == request.RequesterId, ct);
        if (recipient is null || requester is null || !recipient.IsActive)
        {
            return false;
        }

        if (await EffectiveRaterAsync(requester.Id, today, ct) == recipient.Id)
        {
            return true;
        }

        return recipient.UnitId == requester.UnitId
               && await db.Units.Where(u => u.Id == requester.UnitId).Select(u => u.AllowPeerFeedback).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Open requests whose recipient left or moved are never left hanging: they go to the requester's
    /// current rater, or are closed when there is none (or the rater was the one who left). Both sides are told.
    /// Returns how many requests changed. Saves.
    /// </summary>
    public Task<int> RerouteStaleAsync(Turn turn, IQueryable<FeedbackRequest> scope) =>
        RerouteStaleAsync(turn.Outbox, turn.Activity.ReplyToId, turn.Today, scope, turn.Cancellation);

    public async Task<int> RerouteStaleAsync(Outbox outbox, string? clicked, DateOnly today, IQueryable<FeedbackRequest> scope, CancellationToken ct)
    {
        var open = await scope.Where(f => f.Status == FeedbackRequestStatus.Open).ToListAsync(ct);
        var changed = 0;
        foreach (var request in open)
        {
            if (await RecipientStillValidAsync(request, today, ct))
            {
                continue;
            }

            var oldRecipientId = request.RecipientId;
            var requesterActive = await db.Employees.AnyAsync(e => e.Id == request.RequesterId && e.IsActive, ct);
            var raterId = requesterActive ? await EffectiveRaterAsync(request.RequesterId, today, ct) : null;
            var raterActive = raterId is not null && await db.Employees.AnyAsync(e => e.Id == raterId && e.IsActive, ct);
            if (raterActive && raterId != oldRecipientId && raterId != request.RequesterId)
            {
                request.RecipientId = raterId!.Value;
            }
            else
            {
                request.Status = FeedbackWorkflow.Apply(request.Status, WorkflowAction.Close).Next;
            }

            await db.SaveChangesAsync(ct);
            var view = (await ViewAsync(request.Id, ct))!;
            var oldName = await db.Employees.Where(e => e.Id == oldRecipientId).Select(e => e.Name).FirstAsync(ct);
            var requester = await CardCopies.RecipientAsync(db, view.RequesterId, ct);
            if (view.Status == FeedbackRequestStatus.Open)
            {
                await SendToRecipientAsync(outbox, view, ct);
                CardCopies.Tell(outbox, requester, requester.T.Format("Feedback.Rerouted", oldName, view.RecipientName, view.Subject.Describe(requester.T)),
                    "feedback.rerouted", $"feedback.rerouted:{view.Id}:{view.Version}");
            }
            else
            {
                CardCopies.Tell(outbox, requester, requester.T.Format("Feedback.ClosedRecipientGone", oldName, view.Subject.Describe(requester.T)),
                    "feedback.closed", $"feedback.closed:{view.Id}:{view.Version}");
            }

            await UpdateOtherCardsAsync(outbox, clicked, view, ct);
            await db.SaveChangesAsync(ct);
            changed++;
        }

        return changed;
    }
}

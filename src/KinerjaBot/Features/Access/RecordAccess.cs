using KinerjaBot.Conversation;
using KinerjaBot.Data;
using KinerjaBot.Domain;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Features.Progress;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Access;

/// <summary>
/// The one way a route loads a record that card data names by id. Card data is the sender's to write, and ids
/// are sequential, so every such record is loaded here and comes back only if the sender may see it; otherwise,
/// and when there is no such record, the route gets null and answers <see cref="Refusal"/>, which reveals
/// nothing (not even whether the id exists). What the sender may then <em>do</em> with a record they may see
/// is the workflow's business (only the rater approves, only the employee withdraws).
/// </summary>
public sealed class RecordAccess(KinerjaDbContext db, ProgressService progress, FeedbackService feedback, AppraisalService appraisals)
{
    /// <summary>The same answer for "no such record" and "not yours to see".</summary>
    public static InvokeResponse Refusal(Texts t) => InvokeResponse.Card(CardData.Notice(t["Common.NotAvailable"]).ToJson());

    /// <summary>A progress report: its employee, their (acting) rater, the rater's own rater, a head of a unit above them, or whoever reviewed it.</summary>
    public async Task<EntryView?> EntryAsync(Turn turn, int? entryId)
    {
        if (entryId is null || turn.User.Employee is not { } viewer)
        {
            return null;
        }

        var view = await progress.ViewAsync(entryId.Value, turn.Cancellation);
        if (view is null)
        {
            return null;
        }

        if (await MaySeeAboutAsync(viewer.Id, view.EmployeeId, turn.Today, turn.Cancellation))
        {
            return view;
        }

        // A rater who reviewed it before the team changed keeps seeing what they decided.
        var reviewer = await db.ProgressEntries.Where(p => p.Id == view.Id).Select(p => p.ReviewedById).FirstOrDefaultAsync(turn.Cancellation);
        return reviewer == viewer.Id ? view : null;
    }

    /// <summary>A feedback request and its answer: the two people in it and no one else (answers may be confidential).</summary>
    public async Task<FeedbackView?> FeedbackRequestAsync(Turn turn, int? requestId)
    {
        if (requestId is null || turn.User.Employee is not { } viewer)
        {
            return null;
        }

        var view = await feedback.ViewAsync(requestId.Value, turn.Cancellation);
        return view is not null && (view.RequesterId == viewer.Id || view.RecipientId == viewer.Id) ? view : null;
    }

    /// <summary>An appraisal: its employee, the rater, and (once final) the rater's supervisor, who decides objections.</summary>
    public async Task<AppraisalView?> AppraisalAsync(Turn turn, int? employeeId, PerformancePeriod period)
    {
        if (employeeId is null || turn.User.Employee is not { } viewer)
        {
            return null;
        }

        var view = await appraisals.ViewAsync(employeeId.Value, period, turn.Cancellation);
        return view is not null && await appraisals.RoleOfAsync(viewer.Id, view, turn.Today, turn.Cancellation) != AppraisalRole.Other ? view : null;
    }

    /// <summary>
    /// Whether <paramref name="viewerId"/> may see an employee's own records: the employee, their effective rater
    /// (Plt/Plh included), that rater's effective rater (atasan pejabat penilai), or the head of their unit or of a
    /// unit above it.
    /// </summary>
    public async Task<bool> MaySeeAboutAsync(int viewerId, int employeeId, DateOnly today, CancellationToken ct)
    {
        if (viewerId == employeeId)
        {
            return true;
        }

        var rater = await progress.EffectiveRaterAsync(employeeId, today, ct);
        if (rater == viewerId || (rater is not null && await progress.EffectiveRaterAsync(rater.Value, today, ct) == viewerId))
        {
            return true;
        }

        var unitId = await db.Employees.Where(e => e.Id == employeeId).Select(e => (int?)e.UnitId).FirstOrDefaultAsync(ct);
        if (unitId is null)
        {
            return false;
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.HeadEmployeeId }).ToDictionaryAsync(u => u.Id, ct);
        // Bounded by the number of units: a cycle in imported data cannot loop forever.
        for (var (id, hops) = ((int?)unitId, 0); id is not null && hops <= units.Count && units.TryGetValue(id.Value, out var unit); id = unit.ParentId, hops++)
        {
            if (unit.HeadEmployeeId == viewerId)
            {
                return true;
            }
        }

        return false;
    }
}

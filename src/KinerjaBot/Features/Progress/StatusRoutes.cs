using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Domain;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Progress;

/// <summary>"status" for everyone and "tinjau"/"review" for raters.</summary>
public static partial class StatusRoutes
{
    /// <summary>A review batch larger than this is split: the rest stay listed as pending.</summary>
    public const int ReviewBatch = 10;

    [GeneratedRegex(@"^(status|capaian|progres saya|my progress)$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^(tinjau|review|persetujuan|approvals?)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewPattern();

    public static BotRouter MapStatus(this BotRouter router) => router
        .OnMessage("status.show", StatusPattern(), async context =>
        {
            var turn = context.Kinerja();
            if (await RequireRegisteredAsync(turn))
            {
                turn.ReplyCard(await BuildAsync(turn), turn.T["Help.Button.Status"]);
                await turn.SaveAsync();
            }
        })
        .OnMessage("review.list", ReviewPattern(), async context =>
        {
            var turn = context.Kinerja();
            if (await RequireRegisteredAsync(turn))
            {
                await SendPendingAsync(turn);
                await turn.SaveAsync();
            }
        })
        .OnCardAction(Features.Verbs.Status, async (context, _) =>
        {
            var turn = context.Kinerja();
            return turn.User.IsRegistered
                ? InvokeResponse.Card((await BuildAsync(turn)).ToJson())
                : InvokeResponse.Card(ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered")).ToJson());
        })
        .OnCardAction(Features.Verbs.ReviewList, async (context, _) =>
        {
            var turn = context.Kinerja();
            if (!turn.User.IsRegistered)
            {
                return InvokeResponse.Card(ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered")).ToJson());
            }

            await SendPendingAsync(turn);
            await turn.SaveAsync();
            return InvokeResponse.Card((await BuildAsync(turn)).ToJson());
        });

    private static async Task<bool> RequireRegisteredAsync(Turn turn)
    {
        if (turn.User.IsRegistered)
        {
            return true;
        }

        turn.Reply(turn.T.WithContact("Common.NotRegistered"));
        await turn.SaveAsync();
        return false;
    }

    private static async Task<Protocol.Cards.AdaptiveCard> BuildAsync(Turn turn)
    {
        var me = turn.User.Employee!;
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicators = await service.IndicatorsAsync(me.Id, turn.Today, turn.Cancellation);
        var monthStart = new DateOnly(turn.Today.Year, turn.Today.Month, 1);
        var team = await turn.Db.Employees.AsNoTracking().Where(e => e.RaterId == me.Id && e.IsActive).OrderBy(e => e.Name)
            .Select(e => new
            {
                e.Id,
                e.Name,
                Month = turn.Db.ProgressEntries.Count(p => p.EmployeeId == e.Id && p.Date >= monthStart && p.Status != ProgressStatus.Withdrawn),
                Pending = turn.Db.ProgressEntries.Count(p => p.EmployeeId == e.Id && p.Status == ProgressStatus.Submitted),
                Last = turn.Db.ProgressEntries.Where(p => p.EmployeeId == e.Id && p.Status != ProgressStatus.Withdrawn).Max(p => (DateOnly?)p.Date),
            })
            .ToListAsync(turn.Cancellation);
        var members = team.Select(m => new TeamMemberStatus(m.Name, m.Month, m.Pending, m.Last, m.Id)).ToList();
        return StatusCards.Status(turn.T, turn.User.Address, turn.Today.Year, turn.Today, indicators, members, members.Sum(m => m.Pending));
    }

    /// <summary>Sends a review card for each entry waiting for this rater (a batch at a time).</summary>
    private static async Task<int> SendPendingAsync(Turn turn)
    {
        var me = turn.User.Employee!;
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var pending = await turn.Db.ProgressEntries.AsNoTracking()
            .Where(p => p.Status == ProgressStatus.Submitted && p.Employee!.RaterId == me.Id)
            .OrderBy(p => p.SubmittedAt).Select(p => p.Id).Take(ReviewBatch).ToListAsync(turn.Cancellation);
        if (pending.Count == 0)
        {
            turn.Reply(turn.T["Status.NothingToReview"]);
            return 0;
        }

        foreach (var id in pending)
        {
            var view = (await service.ViewAsync(id, turn.Cancellation))!;
            var card = await service.CardForAsync(me.Id, view, turn.T, turn.Today, turn.Cancellation);
            var row = turn.ReplyCard(card, turn.T.Format("Progress.Reviewer.Title", view.EmployeeName));
            turn.Db.CardMessages.Add(new Data.Model.CardMessage { Subject = ProgressService.SubjectPrefix + id, RecipientEmployeeId = me.Id, CreatedAt = turn.Now, Outbox = row });
        }

        return pending.Count;
    }
}

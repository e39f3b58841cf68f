using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Features.Progress;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;

namespace KinerjaBot.Features.Reports;

/// <summary>"tim"/"team" for raters and "ringkasan unit"/"unit overview" for heads of unit; by chat or from the cards' buttons.</summary>
public static partial class ReportRoutes
{
    [GeneratedRegex(@"^(tim|tim saya|laporan tim|team|my team|team report)$", RegexOptions.IgnoreCase)]
    private static partial Regex TeamPattern();

    [GeneratedRegex(@"^(ringkasan unit|ringkasan unit kerja|unit overview|unit summary)$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();

    public static IServiceCollection AddReports(this IServiceCollection services) => services
        .AddScoped<ReportService>()
        .AddScoped<ReportExports>();

    public static BotRouter MapReports(this BotRouter router) => router
        .OnMessage("report.team", TeamPattern(), async context =>
        {
            var turn = context.Kinerja();
            var card = await TeamCardAsync(turn);
            turn.ReplyCard(card, turn.T["Reports.Team.Summary.Short"]);
            await turn.SaveAsync();
        })
        .OnMessage("report.unit", UnitPattern(), async context =>
        {
            var turn = context.Kinerja();
            var card = await UnitCardAsync(turn);
            turn.ReplyCard(card, turn.T["Reports.Unit.Summary.Short"]);
            await turn.SaveAsync();
        })
        .OnCardAction(Verbs.ReportTeam, async (context, _) => InvokeResponse.Card((await TeamCardAsync(context.Kinerja())).ToJson()))
        .OnCardAction(Verbs.ReportUnit, async (context, _) => InvokeResponse.Card((await UnitCardAsync(context.Kinerja())).ToJson()));

    private static async Task<AdaptiveCard> TeamCardAsync(Turn turn)
    {
        if (turn.User.Employee is not { } me)
        {
            return ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered"));
        }

        var service = turn.Context.Services.GetRequiredService<ReportService>();
        var members = await service.TeamAsync(me.Id, turn.Today, turn.Cancellation);
        return ReportCards.Team(turn.T, new TeamReport(turn.User.Address, turn.Today, members));
    }

    private static async Task<AdaptiveCard> UnitCardAsync(Turn turn)
    {
        if (turn.User.Employee is not { } me)
        {
            return ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered"));
        }

        var service = turn.Context.Services.GetRequiredService<ReportService>();
        return await service.UnitAsync(me, turn.Today, turn.Cancellation) is { } overview
            ? ReportCards.Unit(turn.T, overview)
            : ProgressRoutes.Notice(turn.T["Reports.Unit.NotHead"]);
    }
}

using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Domain;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Appraisal;

/// <summary>
/// "hasil organisasi": the pimpinan instansi (or their Plt/Plh) sets the capaian kinerja organisasi of a
/// period for the instansi or one of its units. Everyone else is told who sets it.
/// </summary>
public static partial class OrganisationResultRoutes
{
    [GeneratedRegex(@"^(hasil organisasi|capaian organisasi|capaian kinerja organisasi|organisation result|organization result)(\s+(?<period>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Command();

    public static BotRouter MapOrganisationResult(this BotRouter router) => router
        .OnMessage("appraisal.organisation-result", Command(), context => ShowAsync(context.Kinerja()))
        .OnCardAction(Verbs.OrganisationResultSet, (context, action) => SetAsync(context.Kinerja(), action));

    private static OrganisationResultService Service(Turn turn) => turn.Context.Services.GetRequiredService<OrganisationResultService>();

    private static bool TryPeriod(string? code, DateOnly today, out PerformancePeriod period)
    {
        period = AppraisalService.DefaultPeriod(today);
        // The same period forms as `penilaian` ("TW3", "triwulan III 2026", "tahunan 2026", "2026-Q3").
        return string.IsNullOrEmpty(code) || (PeriodInput.TryParse(code, today, out period) && period.Kind != PeriodKind.Month);
    }

    private static async Task ShowAsync(Turn turn)
    {
        if (!turn.User.IsRegistered)
        {
            turn.Reply(turn.T["Common.NotRegistered"]);
        }
        else if (!TryPeriod(Command().Match(turn.Text).Groups["period"].Value, turn.Today, out var period))
        {
            turn.Reply(turn.T.Format("Appraisal.Error.Period", Command().Match(turn.Text).Groups["period"].Value));
        }
        else
        {
            var service = Service(turn);
            var units = await service.SettableUnitsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation);
            if (units.Count == 0)
            {
                turn.Reply(await NotAllowedTextAsync(turn, period));
            }
            else
            {
                turn.ReplyCard(OrganisationResultCards.Form(turn.T, period, units, await service.StoredAsync(period, turn.Cancellation)),
                    turn.T.Format("Appraisal.OrgResultSet.Title", turn.T.Period(period)));
            }
        }

        await turn.SaveAsync();
    }

    /// <summary>Who sets the result, and the one that applies to the person's unit if there is one.</summary>
    private static async Task<string> NotAllowedTextAsync(Turn turn, PerformancePeriod period)
    {
        var me = turn.User.Employee!;
        var service = Service(turn);
        var pimpinan = await service.PimpinanNameAsync(me.UnitId, turn.Cancellation) ?? turn.T["Appraisal.OrgResultSet.NoPimpinan"];
        var text = turn.T.Format("Appraisal.OrgResultSet.NotAllowed", pimpinan);
        return await service.ApplyingToAsync(me.UnitId, period, turn.Cancellation) is { } applied
            ? text + " " + turn.T.Format("Appraisal.OrgResultSet.Current", applied.FromUnitName, turn.T.Period(period), turn.T["Appraisal.OrgResult." + applied.Result])
            : text;
    }

    private static async Task<InvokeResponse> SetAsync(Turn turn, AdaptiveCardInvokeAction action)
    {
        var t = turn.T;
        if (!turn.User.IsRegistered)
        {
            return InvokeResponse.Card(CardData.Notice(t["Common.NotRegistered"]).ToJson());
        }

        var code = CardData.Str(action.Data, "period");
        if (!TryPeriod(code, turn.Today, out var period))
        {
            return InvokeResponse.Card(CardData.Notice(t.Format("Appraisal.Error.Period", code)).ToJson());
        }

        var me = turn.User.Employee!;
        var service = Service(turn);
        var units = await service.SettableUnitsAsync(me.Id, turn.Today, turn.Cancellation);
        var unitId = CardData.Int(action.Data, OrganisationResultCards.UnitInput);
        var unit = units.FirstOrDefault(u => u.Id == unitId);
        if (unit is null)
        {
            // Not the pimpinan instansi, or a unit outside their instansi: nothing is stored.
            return InvokeResponse.Card(CardData.Notice(await NotAllowedTextAsync(turn, period), CardStyles.Attention).ToJson());
        }

        var raw = CardData.Str(action.Data, OrganisationResultCards.ResultInput)?.Trim();
        if (!Enum.TryParse<OrganisationResult>(raw, out var result) || !Enum.IsDefined(result) || int.TryParse(raw, out _))
        {
            return InvokeResponse.Card(CardData.WithNotice(OrganisationResultCards.Form(t, period, units, await service.StoredAsync(period, turn.Cancellation)),
                t["Appraisal.Distribution.ChooseResult"], CardStyles.Attention).ToJson());
        }

        try
        {
            await service.SetAsync(unit.Id, period, result, me.Id, me.Name, turn.Now, turn.Cancellation);
        }
        catch (DbUpdateException)
        {
            // Set at the same moment by someone else (the admin, or a second click): theirs stands, the card shows it.
            turn.Db.ChangeTracker.Clear();
        }

        var card = OrganisationResultCards.Form(t, period, units, await service.StoredAsync(period, turn.Cancellation));
        return InvokeResponse.Card(CardData.WithNotice(card,
            t.Format("Appraisal.OrgResultSet.Saved", CardData.Cut(unit.Name, 120), t.Period(period), t["Appraisal.OrgResult." + result]), CardStyles.Good).ToJson());
    }
}

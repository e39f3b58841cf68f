using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Domain;
using KinerjaBot.Features.Access;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AppraisalRow = KinerjaBot.Data.Model.Appraisal;
using AppraisalNoteRow = KinerjaBot.Data.Model.AppraisalNote;

namespace KinerjaBot.Features.Appraisal;

/// <summary>
/// Periodic and annual appraisal: self-assessment, rating with the predikat shown before finalizing,
/// the employee's acknowledgement or objection, corrections by the rater's supervisor, and the head of
/// unit's distribution check. Who acts is always the sender of the activity.
/// </summary>
public static partial class AppraisalRoutes
{
    [GeneratedRegex(@"^(penilaian kinerja|penilaian|appraisal|evaluasi)(\s+(?<period>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Command();

    public static IServiceCollection AddAppraisal(this IServiceCollection services)
    {
        services.AddOptions<AppraisalOptions>().BindConfiguration("Appraisal");
        return services.AddScoped<AppraisalService>().AddScoped<OrganisationResultService>();
    }

    public static BotRouter MapAppraisal(this BotRouter router) => router
        .OnMessage("appraisal.overview", Command(), context => OverviewByChatAsync(context.Kinerja()))
        .OnCardAction(Verbs.AppraisalList, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => OverviewAsync(turn, p)))
        .OnCardAction(Verbs.AppraisalSelfForm, (context, action) => WithPeriod(context.Kinerja(), action, SelfFormAsync))
        .OnCardAction(Verbs.AppraisalSelf, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => SelfAssessAsync(turn, p, action)))
        .OnCardAction(Verbs.AppraisalOpen, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => OpenAsync(turn, p, action)))
        .OnCardAction(Verbs.AppraisalRefresh, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => OpenAsync(turn, p, action, track: false)))
        .OnCardAction(Verbs.AppraisalDetails, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => DetailsAsync(turn, p, action)))
        .OnCardAction(Verbs.AppraisalRate, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => RateAsync(turn, p, action)))
        .OnCardAction(Verbs.AppraisalFinalize, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => StepAsync(turn, p, action, WorkflowAction.Finalize)))
        .OnCardAction(Verbs.AppraisalAcknowledge, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => StepAsync(turn, p, action, WorkflowAction.Acknowledge)))
        .OnCardAction(Verbs.AppraisalObject, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => StepAsync(turn, p, action, WorkflowAction.Object)))
        .OnCardAction(Verbs.AppraisalCorrect, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => CorrectAsync(turn, p, action)))
        .OnCardAction(Verbs.AppraisalDistribution, (context, action) => WithPeriod(context.Kinerja(), action, (turn, p) => DistributionAsync(turn, p, action)))
        .MapOrganisationResult();

    private static AppraisalService Service(Turn turn) => turn.Context.Services.GetRequiredService<AppraisalService>();

    private static RecordAccess Access(Turn turn) => turn.Context.Services.GetRequiredService<RecordAccess>();

    private static InvokeResponse Notice(string text) => InvokeResponse.Card(CardData.Notice(text).ToJson());

    private static InvokeResponse Card(AdaptiveCard card) => InvokeResponse.Card(card.ToJson());

    private static async Task<InvokeResponse> WithPeriod(Turn turn, AdaptiveCardInvokeAction action, Func<Turn, PerformancePeriod, Task<InvokeResponse>> handler)
    {
        if (!turn.User.IsRegistered)
        {
            return Notice(turn.T.WithContact("Common.NotRegistered"));
        }

        var code = CardData.Str(action.Data, "period");
        var period = AppraisalService.DefaultPeriod(turn.Today);
        if (code is not null && !(PerformancePeriod.TryParse(code, out period) && period.Kind != PeriodKind.Month))
        {
            return Notice(turn.T.Format("Appraisal.Error.Period", code));
        }

        return AppraisalService.IsQuarterFour(period) ? Notice(QuarterFourText(turn, period)) : await handler(turn, period);
    }

    private static async Task OverviewByChatAsync(Turn turn)
    {
        if (!turn.User.IsRegistered)
        {
            turn.Reply(turn.T.WithContact("Common.NotRegistered"));
            await turn.SaveAsync();
            return;
        }

        var code = Command().Match(turn.Text).Groups["period"].Value.Trim();
        var period = AppraisalService.DefaultPeriod(turn.Today);
        if (code.Length > 0 && !(PeriodInput.TryParse(code, turn.Today, out period) && period.Kind != PeriodKind.Month))
        {
            turn.Reply(turn.T.Format("Appraisal.Error.Period", code));
        }
        else if (AppraisalService.IsQuarterFour(period))
        {
            turn.Reply(QuarterFourText(turn, period));
        }
        else if (!AppraisalService.IsOpen(period, turn.Today))
        {
            turn.Reply(NotOpenText(turn, period));
        }
        else
        {
            turn.ReplyCard(await BuildOverviewAsync(turn, period), turn.T.Format("Appraisal.Overview.Title", turn.T.Period(period)));
        }

        await turn.SaveAsync();
    }

    private static string QuarterFourText(Turn turn, PerformancePeriod quarter) =>
        turn.T.Format("Appraisal.Error.QuarterFour", turn.T.Period(quarter), turn.T.Period(PerformancePeriod.ForYear(quarter.Year)), quarter.Year);

    private static string NotOpenText(Turn turn, PerformancePeriod period) =>
        turn.T.Format("Appraisal.Error.NotOpen", turn.T.Period(period), turn.T.Date(new DateOnly(period.End.Year, period.End.Month, 1)));

    private static async Task<AdaptiveCard> BuildOverviewAsync(Turn turn, PerformancePeriod period)
    {
        var me = turn.User.Employee!;
        var service = Service(turn);
        var own = (await service.ViewAsync(me.Id, period, turn.Cancellation))!;
        own = own with { RaterId = own.RaterId is null ? null : (own.Exists ? own.RaterId : await service.EffectiveRaterAsync(me.Id, turn.Today, turn.Cancellation)) };
        var team = await service.TeamRowsAsync(me.Id, period, turn.Today, turn.Cancellation);
        var isHead = (await service.HeadedUnitsAsync(me.Id, turn.Cancellation)).Count > 0;
        return AppraisalCards.Overview(turn.T, period, own, team, isHead);
    }

    private static async Task<InvokeResponse> OverviewAsync(Turn turn, PerformancePeriod period) =>
        AppraisalService.IsOpen(period, turn.Today) ? Card(await BuildOverviewAsync(turn, period)) : Notice(NotOpenText(turn, period));

    private static async Task<InvokeResponse> SelfFormAsync(Turn turn, PerformancePeriod period)
    {
        if (!AppraisalService.IsOpen(period, turn.Today))
        {
            return Notice(NotOpenText(turn, period));
        }

        var me = turn.User.Employee!;
        var service = Service(turn);
        var view = (await service.ViewAsync(me.Id, period, turn.Cancellation))!;
        if (await service.EffectiveRaterAsync(me.Id, turn.Today, turn.Cancellation) is null)
        {
            return Notice(turn.T.WithContact("Appraisal.NoRater"));
        }

        if (view.Exists && !AppraisalWorkflow.Apply(view.Status, WorkflowAction.SelfAssess).Allowed)
        {
            return await CurrentAsync(turn, view, "Appraisal.Refused." + AppraisalWorkflow.Apply(view.Status, WorkflowAction.SelfAssess).RefusalCode);
        }

        // Long SKPs: the first part replaces the card, the others arrive as separate messages.
        for (var part = 2; part <= AppraisalCards.SelfParts(view); part++)
        {
            turn.ReplyCard(AppraisalCards.SelfForm(turn.T, view, part), turn.T.Format("Appraisal.Self.Part", part, AppraisalCards.SelfParts(view)));
        }

        await turn.SaveAsync();
        return Card(AppraisalCards.SelfForm(turn.T, view, 1));
    }

    private static async Task<InvokeResponse> SelfAssessAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action)
    {
        var t = turn.T;
        if (!AppraisalService.IsOpen(period, turn.Today))
        {
            return Notice(NotOpenText(turn, period));
        }

        var me = turn.User.Employee!;
        var service = Service(turn);
        var view = (await service.ViewAsync(me.Id, period, turn.Cancellation))!;
        var part = Math.Clamp(CardData.Int(action.Data, "part") ?? 1, 1, AppraisalCards.SelfParts(view));
        var rhks = view.Rhks.Skip((part - 1) * AppraisalCards.RhksPerCard).Take(AppraisalCards.RhksPerCard).ToList();
        string? Input(string id) => CardData.Str(action.Data, id)?.Trim() is { Length: > 0 } s ? s : null;
        var rhkNotes = rhks.ToDictionary(r => r.RhkId, r => Input(AppraisalCards.SelfRhkPrefix + r.RhkId));
        var valueNotes = part == 1 ? BerAkhlak.All.ToDictionary(v => v, v => Input(AppraisalCards.SelfValuePrefix + BerAkhlak.Code(v))) : [];
        var summary = part == 1 ? Input(AppraisalCards.SummaryInput) : view.SelfSummary;

        // Too long: the form comes back with everything typed, and nothing is stored.
        if ((summary?.Length ?? 0) > AppraisalService.MaxSummary || rhkNotes.Values.Any(n => n?.Length > AppraisalService.MaxSelfNote) || valueNotes.Values.Any(n => n?.Length > AppraisalService.MaxValueNote))
        {
            var typed = view with
            {
                SelfSummary = summary,
                Rhks = view.Rhks.Select(r => rhkNotes.TryGetValue(r.RhkId, out var n) ? r with { SelfNote = n } : r).ToList(),
                Values = view.Values.Select(v => valueNotes.TryGetValue(v.Value, out var n) ? v with { SelfNote = n } : v).ToList(),
            };
            return Card(AppraisalCards.SelfForm(t, typed, part, t.Format("Appraisal.Error.TooLong", AppraisalService.MaxSelfNote)));
        }

        var raterId = await service.EffectiveRaterAsync(me.Id, turn.Today, turn.Cancellation);
        if (raterId is null)
        {
            return Notice(t.WithContact("Appraisal.NoRater"));
        }

        var row = await service.LatestAsync(me.Id, period, turn.Cancellation);
                row ??= turn.Db.Appraisals.Add(new AppraisalRow { EmployeeId = me.Id, RaterId = raterId.Value, PeriodCode = period.Code, Status = AppraisalStatus.Draft }).Entity;
        var step = AppraisalWorkflow.Apply(row.Status, WorkflowAction.SelfAssess);
        if (!step.Allowed)
        {
            return await CurrentAsync(turn, view, "Appraisal.Refused." + step.RefusalCode);
        }

        var firstTime = row.Status == AppraisalStatus.Draft;
        row.Status = step.Next;
        row.SelfSummary = summary;
        foreach (var (rhkId, note) in rhkNotes)
        {
            NoteFor(row, rhkId, null).SelfNote = note;
        }

        foreach (var (value, note) in valueNotes)
        {
            NoteFor(row, null, value).SelfNote = note;
        }

        try
        {
            await turn.SaveAsync();
        }
        catch (DbUpdateException)
        {
            // A racing first save (unique employee/period/revision) or a concurrent change: the other one stands.
            turn.Db.ChangeTracker.Clear();
            return Notice(t["Appraisal.TryAgain"]);
        }

        var updated = (await service.ViewAsync(me.Id, period, turn.Cancellation))!;
        if (firstTime)
        {
            await service.SendCardAsync(turn, updated, raterId.Value, "appraisal.self-assessed", "self");
        }

        await service.UpdateOtherCardsAsync(turn, updated);
        await turn.SaveAsync();
        var parts = AppraisalCards.SelfParts(view);
        return Notice(parts > 1 ? t.Format("Appraisal.Self.SavedPart", part, parts, updated.RaterName) : t.Format("Appraisal.Self.Saved", updated.RaterName));
    }

    private static AppraisalNoteRow NoteFor(AppraisalRow row, int? rhkId, BerAkhlakValue? value)
    {
        var note = row.Notes.FirstOrDefault(n => n.RhkId == rhkId && n.Behaviour == value);
        if (note is null)
        {
            note = new AppraisalNoteRow { RhkId = rhkId, Behaviour = value };
            row.Notes.Add(note);
        }

        return note;
    }

    private static async Task<InvokeResponse> OpenAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action, bool track = true)
    {
        var service = Service(turn);
        var me = turn.User.Employee!.Id;
        var view = await Access(turn).AppraisalAsync(turn, CardData.Int(action.Data, "employeeId") ?? me, period);
        if (view is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        if (track && turn.Activity.ReplyToId is { } clicked
                  && await turn.Db.Outbox.FirstOrDefaultAsync(o => o.SentActivityId == clicked && o.RecipientUserId == turn.User.Reference.UserId, turn.Cancellation) is { } row
                  && !await turn.Db.CardMessages.AnyAsync(c => c.OutboxId == row.Id && c.Subject == view.Subject, turn.Cancellation))
        {
            // The overview card the user clicked now shows this appraisal: keep it current like any other copy.
            CardCopies.Track(turn.Db, view.Subject, me, row);
            await turn.SaveAsync();
        }

        return Card(await service.CardForAsync(me, view, turn.T, turn.Today, turn.Cancellation));
    }

    private static async Task<InvokeResponse> DetailsAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action)
    {
        var service = Service(turn);
        var me = turn.User.Employee!.Id;
        var view = await Access(turn).AppraisalAsync(turn, CardData.Int(action.Data, "employeeId") ?? me, period);
        if (view is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        var parts = AppraisalCards.DetailParts(view);
        for (var part = 1; part <= parts; part++)
        {
            turn.ReplyCard(AppraisalCards.Details(turn.T, view, part), turn.T.Format("Appraisal.Details.Part", part, parts));
        }

        await turn.SaveAsync();
        return Card(CardData.WithNotice(await service.CardForAsync(me, view, turn.T, turn.Today, turn.Cancellation), turn.T.Format("Appraisal.Details.Sent", parts), CardStyles.Good));
    }

    private sealed record RatingInput(Rating? WorkResult, Rating? Behaviour, string? Note, Dictionary<BerAkhlakValue, string?> ValueNotes);

    private static RatingInput ReadRatings(AdaptiveCardInvokeAction action)
    {
        static Rating? Parse(string? s) => Enum.TryParse<Rating>(s?.Trim(), ignoreCase: false, out var r) && Enum.IsDefined(r) && !int.TryParse(s, out _) ? r : null;
        return new RatingInput(
            Parse(CardData.Str(action.Data, AppraisalCards.WorkResultInput)),
            Parse(CardData.Str(action.Data, AppraisalCards.BehaviourInput)),
            CardData.Str(action.Data, AppraisalCards.RaterNoteInput)?.Trim() is { Length: > 0 } n ? n : null,
            BerAkhlak.All.ToDictionary(v => v, v => CardData.Str(action.Data, AppraisalCards.RaterValuePrefix + BerAkhlak.Code(v))?.Trim() is { Length: > 0 } s ? s : null));
    }

    /// <summary>A clear message for missing or bad rating input; null when the input can be stored.</summary>
    private static string? Validate(Turn turn, RatingInput input) =>
        input.WorkResult is null || input.Behaviour is null ? turn.T["Appraisal.Rater.RatingRequired"]
        : input.Note is null ? turn.T["Appraisal.Rater.NoteRequired"]
        : input.Note.Length > AppraisalService.MaxRaterNote || input.ValueNotes.Values.Any(n => n?.Length > AppraisalService.MaxValueNote) ? turn.T.Format("Appraisal.Error.TooLong", AppraisalService.MaxRaterNote)
        : null;

    private static AppraisalView Typed(AppraisalView view, RatingInput input) => view with
    {
        WorkResult = input.WorkResult ?? view.WorkResult,
        Behaviour = input.Behaviour ?? view.Behaviour,
        RaterNote = input.Note,
        Values = view.Values.Select(v => v with { RaterNote = input.ValueNotes.GetValueOrDefault(v.Value) }).ToList(),
    };

    private static async Task<InvokeResponse> RateAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action)
    {
        var t = turn.T;
        var service = Service(turn);
        var me = turn.User.Employee!.Id;
        var view = await Access(turn).AppraisalAsync(turn, CardData.Int(action.Data, "employeeId"), period);
        if (view is null)
        {
            return RecordAccess.Refusal(t);
        }

        var refresh = await CardCopies.UserIdsAsync(turn.Db, [view.EmployeeId, me], turn.Cancellation);
        var raterId = await service.EffectiveRaterAsync(view.EmployeeId, turn.Today, turn.Cancellation);
        if (raterId != me)
        {
            return Card(AppraisalCards.ReadOnly(t, view, refresh, t["Appraisal.NotYourRating"]));
        }

        if (view.IsFinal)
        {
            return await CurrentAsync(turn, view, "Appraisal.Refused." + RefusalCodes.Finalized);
        }

        if (!AppraisalService.IsOpen(period, turn.Today))
        {
            return Notice(NotOpenText(turn, period));
        }

        var input = ReadRatings(action);
        if (Validate(turn, input) is { } error)
        {
            return Card(CardData.WithNotice(AppraisalCards.ForRater(t, Typed(view, input), refresh), error, CardStyles.Attention));
        }

        // Every card the bot sends names the appraisal and the version it shows; one that does not is not current.
        if ((CardData.Int(action.Data, "appraisalId") ?? 0) != view.Id || CardData.Int(action.Data, "version") != view.Version)
        {
            return await CurrentAsync(turn, view, "Appraisal.StaleCard");
        }

        var row = await service.LatestAsync(view.EmployeeId, period, turn.Cancellation);
        if ((row?.Version ?? 0) != view.Version || (row?.Id ?? 0) != view.Id)
        {
            return await CurrentAsync(turn, view, "Appraisal.AlreadyChanged");
        }

        row ??= turn.Db.Appraisals.Add(new AppraisalRow { EmployeeId = view.EmployeeId, RaterId = me, PeriodCode = period.Code, Status = AppraisalStatus.Draft }).Entity;
        var step = AppraisalWorkflow.Apply(row.Status, WorkflowAction.Rate);
        if (!step.Allowed)
        {
            return await CurrentAsync(turn, view, "Appraisal.Refused." + step.RefusalCode);
        }

        row.Status = step.Next;
        row.RaterId = me;
        row.WorkResultRating = input.WorkResult;
        row.BehaviourRating = input.Behaviour;
        row.Predikat = PredikatTable.For(input.WorkResult!.Value, input.Behaviour!.Value);
        row.RaterNote = input.Note;
        foreach (var (value, note) in input.ValueNotes)
        {
            if (note is not null || row.Notes.Any(n => n.Behaviour == value))
            {
                NoteFor(row, null, value).RaterNote = note;
            }
        }

        return await SaveAndRespondAsync(turn, view, period, async updated => await service.UpdateOtherCardsAsync(turn, updated));
    }

    /// <summary>Finalize (rater), acknowledge and object (employee): one allowed step on the card's version, or the current state.</summary>
    private static async Task<InvokeResponse> StepAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action, WorkflowAction step)
    {
        var t = turn.T;
        var service = Service(turn);
        var me = turn.User.Employee!.Id;
        var view = await Access(turn).AppraisalAsync(turn, CardData.Int(action.Data, "employeeId"), period);
        if (view is null || !view.Exists)
        {
            return RecordAccess.Refusal(t);
        }

        var refresh = await CardCopies.UserIdsAsync(turn.Db, [view.EmployeeId, me], turn.Cancellation);
        var role = await service.RoleOfAsync(me, view, turn.Today, turn.Cancellation);
        var allowedRole = step == WorkflowAction.Finalize ? AppraisalRole.Rater : AppraisalRole.Employee;
        if (role != allowedRole)
        {
            return Card(AppraisalCards.ReadOnly(t, view, refresh, t[step == WorkflowAction.Finalize ? "Appraisal.NotYourRating" : "Appraisal.NotYourAppraisal"]));
        }

        var reason = CardData.Str(action.Data, AppraisalCards.ReasonInput)?.Trim();
        var transition = AppraisalWorkflow.Apply(view.Status, step);
        if (!transition.Allowed)
        {
            return await CurrentAsync(turn, view, "Appraisal.Refused." + transition.RefusalCode);
        }

        if (step == WorkflowAction.Object && string.IsNullOrEmpty(reason))
        {
            return Card(CardData.WithNotice(AppraisalCards.ForEmployee(t, view, refresh), t["Appraisal.Employee.ObjectReasonRequired"], CardStyles.Attention));
        }

        if (CardData.Int(action.Data, "appraisalId") != view.Id || CardData.Int(action.Data, "version") != view.Version)
        {
            return await CurrentAsync(turn, view, "Appraisal.StaleCard");
        }

        var row = (await service.LatestAsync(view.EmployeeId, period, turn.Cancellation))!;
        if (row.Version != view.Version || row.Id != view.Id)
        {
            return await CurrentAsync(turn, view, "Appraisal.AlreadyChanged");
        }

        string? warning = null;
        if (step == WorkflowAction.Finalize)
        {
            var (curve, text) = await DistributionAtFinaliseAsync(turn, view, period);
            if (curve != CurveAtFinalise.Fine && turn.Context.Services.GetRequiredService<IOptions<AppraisalOptions>>().Value.RefuseFinaliseWhileDistributionBroken)
            {
                turn.Db.ChangeTracker.Clear();
                var current = await service.CardForAsync(me, view, t, turn.Today, turn.Cancellation);
                return Card(CardData.WithNotice(current, t.Format("Appraisal.Distribution.FinaliseRefused", text), CardStyles.Attention));
            }

            // Without a stored result the distribution card already says who must set it; only a broken curve warns here.
            warning = curve == CurveAtFinalise.Broken ? text : null;
        }

        row.Status = transition.Next;
        switch (step)
        {
            case WorkflowAction.Finalize:
                row.FinalizedAt = turn.Now;
                break;
            case WorkflowAction.Acknowledge:
                row.AcknowledgedAt = turn.Now;
                break;
            default:
                row.ObjectionReason = StoredText.Fit(reason, 4000);
                break;
        }

        return await SaveAndRespondAsync(turn, view, period, warning: warning, after: async updated =>
        {
            switch (step)
            {
                case WorkflowAction.Finalize:
                    await service.SendCardAsync(turn, updated, updated.EmployeeId, "appraisal.result", "r" + updated.Revision);
                    break;
                case WorkflowAction.Acknowledge when updated.RaterId is { } rater:
                    var r = await CardCopies.RecipientAsync(turn.Db, rater, turn.Cancellation);
                    CardCopies.Tell(turn, r, r.T.Format("Appraisal.Notify.Acknowledged", updated.EmployeeName, r.T.Period(period)), "appraisal.acknowledged", $"appraisal.acknowledged:{updated.Id}");
                    break;
                case WorkflowAction.Object:
                    if (updated.RaterId is { } objectedRater)
                    {
                        var to = await CardCopies.RecipientAsync(turn.Db, objectedRater, turn.Cancellation);
                        CardCopies.Tell(turn, to, to.T.Format("Appraisal.Notify.Objected", updated.EmployeeName, to.T.Period(period), updated.ObjectionReason), "appraisal.objected", $"appraisal.objected:{updated.Id}");
                    }

                    if (await service.RaterSupervisorAsync(updated, turn.Today, turn.Cancellation) is { } supervisor)
                    {
                        await service.SendCardAsync(turn, updated, supervisor, "appraisal.objection", "r" + updated.Revision);
                    }

                    break;
            }

            await service.UpdateOtherCardsAsync(turn, updated);
        });
    }

    /// <summary>The rater's supervisor corrects a final appraisal: a new revision; the old one stays as it was.</summary>
    private static async Task<InvokeResponse> CorrectAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action)
    {
        var t = turn.T;
        var service = Service(turn);
        var me = turn.User.Employee!.Id;
        var view = await Access(turn).AppraisalAsync(turn, CardData.Int(action.Data, "employeeId"), period);
        if (view is null || !view.Exists)
        {
            return RecordAccess.Refusal(t);
        }

        var refresh = await CardCopies.UserIdsAsync(turn.Db, [view.EmployeeId, me], turn.Cancellation);
        if (!view.IsFinal || await service.RaterSupervisorAsync(view, turn.Today, turn.Cancellation) != me)
        {
            return Card(AppraisalCards.ReadOnly(t, view, refresh, t["Appraisal.NotYourCorrection"]));
        }

        if (CardData.Int(action.Data, "appraisalId") != view.Id)
        {
            return await CurrentAsync(turn, view, "Appraisal.StaleCard");
        }

        var input = ReadRatings(action);
        if (Validate(turn, input) is { } error)
        {
            return Card(CardData.WithNotice(AppraisalCards.ForRaterSupervisor(t, Typed(view, input), refresh), error, CardStyles.Attention));
        }

        var previous = (await service.LatestAsync(view.EmployeeId, period, turn.Cancellation))!;
        if (previous.Id != view.Id)
        {
            return await CurrentAsync(turn, view, "Appraisal.AlreadyChanged");
        }

        var revision = new AppraisalRow
        {
            EmployeeId = previous.EmployeeId,
            RaterId = previous.RaterId,
            PeriodCode = previous.PeriodCode,
            Revision = previous.Revision + 1,
            Status = AppraisalStatus.Finalized,
            WorkResultRating = input.WorkResult,
            BehaviourRating = input.Behaviour,
            Predikat = PredikatTable.For(input.WorkResult!.Value, input.Behaviour!.Value),
            SelfSummary = previous.SelfSummary,
            RaterNote = input.Note,
            FinalizedAt = turn.Now,
            Notes = previous.Notes.Select(n => new AppraisalNoteRow { RhkId = n.RhkId, Behaviour = n.Behaviour, SelfNote = n.SelfNote, RaterNote = n.RaterNote }).ToList(),
        };
        foreach (var (value, note) in input.ValueNotes.Where(x => x.Value is not null))
        {
            NoteFor(revision, null, value).RaterNote = note;
        }

        turn.Db.Appraisals.Add(revision);
        return await SaveAndRespondAsync(turn, view, period, async updated =>
        {
            await service.SendCardAsync(turn, updated, updated.EmployeeId, "appraisal.result", "r" + updated.Revision);
            if (updated.RaterId is { } rater)
            {
                var r = await CardCopies.RecipientAsync(turn.Db, rater, turn.Cancellation);
                CardCopies.Tell(turn, r, r.T.Format("Appraisal.Notify.Corrected", updated.EmployeeName, r.T.Period(period), turn.User.Employee!.Name, r.T["Appraisal.Predikat." + updated.Predikat]),
                    "appraisal.corrected", $"appraisal.corrected:{updated.Id}");
            }

            await service.UpdateOtherCardsAsync(turn, updated);
        });
    }

    private static async Task<InvokeResponse> SaveAndRespondAsync(Turn turn, AppraisalView before, PerformancePeriod period, Func<AppraisalView, Task> after, string? warning = null)
    {
        var service = Service(turn);
        try
        {
            await turn.SaveAsync();
        }
        catch (DbUpdateException)
        {
            // A concurrent click (version token) or a racing revision (unique employee/period/revision) won: its outcome stands.
            turn.Db.ChangeTracker.Clear();
            return await CurrentAsync(turn, before, "Appraisal.AlreadyChanged");
        }

        var updated = (await service.ViewAsync(before.EmployeeId, period, turn.Cancellation))!;
        await after(updated);
        await turn.SaveAsync();
        var card = await service.CardForAsync(turn.User.Employee!.Id, updated, turn.T, turn.Today, turn.Cancellation);
        return Card(warning is null ? card : CardData.WithNotice(card, warning, CardStyles.Attention));
    }

    /// <summary>The card as it is now, with a line saying why nothing changed.</summary>
    private static async Task<InvokeResponse> CurrentAsync(Turn turn, AppraisalView view, string noticeKey)
    {
        turn.Db.ChangeTracker.Clear();
        var service = Service(turn);
        var fresh = (await service.ViewAsync(view.EmployeeId, view.Period, turn.Cancellation))!;
        var card = await service.CardForAsync(turn.User.Employee!.Id, fresh, turn.T, turn.Today, turn.Cancellation);
        return Card(CardData.WithNotice(card, turn.T.Format(noticeKey, AppraisalCards.StatusText(turn.T, fresh.Exists ? fresh.Status : null, fresh.Predikat))));
    }

    /// <summary>The head's distribution against the stored organisation result; a result sent with the action is ignored.</summary>
    private static async Task<InvokeResponse> DistributionAsync(Turn turn, PerformancePeriod period, AdaptiveCardInvokeAction action)
    {
        _ = action;
        var distribution = await Service(turn).DistributionOfAsync(turn.User.Employee!.Id, period, turn.Cancellation);
        return distribution is null
            ? Notice(turn.T["Appraisal.Distribution.NotHead"])
            : Card(AppraisalCards.Distribution(turn.T, period, distribution));
    }

    private enum CurveAtFinalise
    {
        Fine,
        NoResult,
        Broken,
    }

    /// <summary>
    /// Before a rater finalises: the broken rules of the distribution their units are checked against, when
    /// the employee is one of the units' members and a result is stored; empty otherwise. Without a stored
    /// result the curve cannot be judged, which only matters when finalising is refused while it is broken.
    /// </summary>
    private static async Task<(CurveAtFinalise Curve, string? Text)> DistributionAtFinaliseAsync(Turn turn, AppraisalView view, PerformancePeriod period)
    {
        var distribution = await Service(turn).DistributionOfAsync(turn.User.Employee!.Id, period, turn.Cancellation);
        if (distribution is null || distribution.Members.All(m => m.EmployeeId != view.EmployeeId))
        {
            return (CurveAtFinalise.Fine, null);
        }

        var t = turn.T;
        if (distribution.Applied is null || distribution.Report is null)
        {
            return (CurveAtFinalise.NoResult, t.Format("Appraisal.Distribution.NoOrgResult", t.Period(period), distribution.Pimpinan ?? t["Appraisal.OrgResultSet.NoPimpinan"]));
        }

        if (distribution.Report.IsSatisfied)
        {
            return (CurveAtFinalise.Fine, null);
        }

        var broken = DistributionCheck.RulesFor(distribution.Applied.Result)
            .Where(rule => distribution.Report.Violations.Any(v => v.RuleCode == rule.RuleCode && v.Subjects.SequenceEqual(rule.Subjects.Select(p => (Predikat?)p))))
            .Select(rule => AppraisalCards.PersonsText(t, rule, distribution.Members));
        return (CurveAtFinalise.Broken, t.Format("Appraisal.Distribution.BrokenAtFinalise", CardData.Cut(distribution.UnitName, 150), t["Appraisal.OrgResult." + distribution.Applied.Result], string.Join("; ", broken)));
    }
}

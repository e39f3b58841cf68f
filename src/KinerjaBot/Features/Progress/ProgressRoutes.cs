using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Domain;
using KinerjaBot.Features.Access;
using KinerjaBot.Infrastructure.Text;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Progress;

/// <summary>Progress by chat and by card, corrections, and the rater's review.</summary>
public static partial class ProgressRoutes
{
    [GeneratedRegex(@"^(lapor|laporkan|progres|progress|report|log)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportCommand();

    [GeneratedRegex(@"^(ya|y|yes|ok|oke|benar|betul|simpan|kirim)$", RegexOptions.IgnoreCase)]
    private static partial Regex Yes();

    [GeneratedRegex(@"^(batal|cancel|stop|tidak|no)$", RegexOptions.IgnoreCase)]
    private static partial Regex Cancel();

    [GeneratedRegex(@"^\d{1,2}$")]
    private static partial Regex ChoiceNumber();

    [GeneratedRegex(@"\d")]
    private static partial Regex AnyDigit();

    [GeneratedRegex(@"^\d+(?:[.,]\d+)*$")]
    private static partial Regex PlainNumber();

    public static IServiceCollection AddProgress(this IServiceCollection services) => services.AddScoped<ProgressService>();

    /// <summary>Answers to an open chat report ("ya", "batal", "2"); registered before every other text route.</summary>
    public static BotRouter MapProgressFlow(this BotRouter router) => router
        .OnMessage("progress.flow-answer", async context =>
        {
            var text = MessageText.Normalize(context.Activity.Text);
            var isNumber = PlainNumber().IsMatch(text);
            if (!(Yes().IsMatch(text) || isNumber))
            {
                return false;
            }

            var turn = context.Kinerja();
            // Any bare number answers "1.200 atau 1,2?"; otherwise only a list position does.
            return turn.User.IsRegistered && await ProgressFlow.LoadAsync(turn, ProgressFlow.TypedAnswerWindow) is { } open
                   && (!isNumber || ChoiceNumber().IsMatch(text) || open.Draft.AsksNumber);
        }, context => AnswerFlowAsync(context.Kinerja()))
        .OnMessage("flow.cancel", Cancel(), context => CancelAsync(context.Kinerja()));

    public static BotRouter MapProgress(this BotRouter router) => router
        .OnMessage("progress.report", context =>
        {
            var text = MessageText.Normalize(context.Activity.Text);
            var isSubmit = context.Activity.Value is not null && string.IsNullOrEmpty(text);
            return ValueTask.FromResult(!isSubmit && (ReportCommand().IsMatch(text) || AnyDigit().IsMatch(text)));
        }, context => ReportByChatAsync(context.Kinerja()))
        .OnCardAction(Features.Verbs.ProgressForm, (context, _) => FormAsync(context.Kinerja()))
        .OnCardAction(Features.Verbs.ProgressSubmit, (context, action) => SubmitFormAsync(context.Kinerja(), action))
        .OnCardAction(Features.Verbs.ProgressConfirm, (context, _) => ConfirmAsync(context.Kinerja()))
        .OnCardAction(Features.Verbs.ProgressChoose, (context, action) => ChooseAsync(context.Kinerja(), Int(action.Data, "indicatorId")))
        .OnCardAction(Features.Verbs.ProgressNumber, (context, action) => NumberAsync(context.Kinerja(),
            decimal.TryParse(Str(action.Data, "value"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null))
        .OnCardAction(Features.Verbs.Cancel, async (context, _) =>
        {
            var turn = context.Kinerja();
            await ProgressFlow.ClearAsync(turn);
            await turn.SaveAsync();
            return InvokeResponse.Card(Notice(turn.T["Common.Cancelled"]).ToJson());
        })
        .OnCardAction(Features.Verbs.ProgressApprove, (context, action) => ReviewAsync(context.Kinerja(), action, WorkflowAction.Approve))
        .OnCardAction(Features.Verbs.ProgressReturn, (context, action) => ReviewAsync(context.Kinerja(), action, WorkflowAction.Return))
        .OnCardAction(Features.Verbs.ProgressEdit, (context, action) => ChangeAsync(context.Kinerja(), action, WorkflowAction.Edit))
        .OnCardAction(Features.Verbs.ProgressWithdraw, (context, action) => ChangeAsync(context.Kinerja(), action, WorkflowAction.Withdraw))
        .OnCardAction(Features.Verbs.ProgressRefresh, (context, action) => RefreshAsync(context.Kinerja(), Int(action.Data, "entryId")));

    internal static AdaptiveCard Notice(string text) => new() { Body = { new TextBlock(text) } };

    private static int? Int(JsonObject? data, string name) =>
        data?[name] is JsonValue v && (v.TryGetValue(out int i) || (v.TryGetValue(out string? s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out i))) ? i : null;

    private static string? Str(JsonObject? data, string name) => data?[name] is JsonValue v
        ? v.TryGetValue(out string? s) ? s : v.ToJsonString()
        : null;

    private static InvokeResponse? RequireEmployee(Turn turn) =>
        turn.User.IsRegistered ? null : InvokeResponse.Card(Notice(turn.T.WithContact("Common.NotRegistered")).ToJson());

    private static async Task ReportByChatAsync(Turn turn)
    {
        if (!turn.User.IsRegistered)
        {
            turn.Reply(turn.T.WithContact("Common.NotRegistered"));
            await turn.SaveAsync();
            return;
        }

        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicators = await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation);
        if (indicators.Count == 0)
        {
            turn.Reply(turn.T.WithContact("Progress.NoSkp"));
            await turn.SaveAsync();
            return;
        }

        var text = turn.Text;
        var afterCommand = ReportCommand().Replace(text, "").Trim();
        if (afterCommand.Length == 0)
        {
            turn.ReplyCard(ProgressCards.Form(turn.T, indicators, turn.Today), turn.T["Progress.Form.Title"]);
            await turn.SaveAsync();
            return;
        }

        var understood = ProgressParser.TryParse(afterCommand, out var parsed, out var failure);
        var choices = indicators.Select(i => new IndicatorChoice(i.IndicatorId, i.IndicatorText, i.Unit, i.RhkText)).ToList();
        var typedCommand = afterCommand.Length != text.Length;
        if (!typedCommand && !ReportIntent.IsReport(text, understood && IndicatorMatcher.Mentions(parsed!.Words, choices)))
        {
            // A number in a sentence is not yet a report: ask, with the report one tap away.
            turn.Reply(turn.T["Progress.AskIfReport"],
                [(turn.T["Progress.AskIfReport.Yes"], turn.T["Understanding.Suggest.Report"] + " " + text), (turn.T["Progress.AskIfReport.No"], turn.T["Understanding.Suggest.Help"])]);
            await turn.SaveAsync();
            return;
        }

        if (!understood)
        {
            // The sentence is kept: it comes back as the note of a form the user can finish.
            var message = failure switch
            {
                ParseFailure.Negative => turn.T["Progress.Error.Negative"],
                ParseFailure.TooLarge => turn.T.Format("Progress.Error.TooLarge", turn.T.Number(ProgressParser.HardLimit)),
                _ => turn.T.Format("Progress.Error.NoNumber", afterCommand),
            };
            turn.ReplyCard(ProgressCards.Form(turn.T, indicators, turn.Today, new ProgressFormInput(null, null, null, afterCommand, null), message), message);
            await turn.SaveAsync();
            return;
        }

        var ranked = IndicatorMatcher.Rank(parsed!.Words, choices);
        var draft = new ProgressDraft(null, parsed.Value, parsed.OutOf, parsed.IsPercent, turn.Today, afterCommand, ranked.Select(r => r.Id).ToList(), parsed.Decimal);
        if (ranked.Count == 1)
        {
            var indicator = indicators.First(i => i.IndicatorId == ranked[0].Id);
            draft = draft.For(indicator);
            await ProgressFlow.SaveAsync(turn, draft);
            var card = NextCard(turn, draft, indicator);
            turn.ReplyCard(card, draft.AsksNumber ? ((TextBlock)card.Body[0]).Text : turn.T["Progress.Confirm.Title"]);
        }
        else
        {
            await ProgressFlow.SaveAsync(turn, draft);
            var candidates = ranked.Select(r => indicators.First(i => i.IndicatorId == r.Id)).ToList();
            turn.ReplyCard(ProgressCards.Choose(turn.T, candidates, parsed.Value), turn.T.Format("Progress.Choose.Title", turn.T.Number(parsed.Value)));
        }

        await turn.SaveAsync();
    }

    /// <summary>What a draft with a chosen indicator needs next: the number settled, or the user's confirmation.</summary>
    private static AdaptiveCard NextCard(Turn turn, ProgressDraft draft, IndicatorProgress indicator) => draft.AsksNumber
        ? ProgressCards.AskNumber(turn.T, indicator, draft.Value, draft.Decimal!.Value)
        : ProgressCards.Confirm(turn.T, indicator, ValueFor(draft, indicator), draft.Date, draft.Note);

    /// <summary>"60%" of a count indicator means 60% of its target; of a percentage indicator, the value 60.</summary>
    internal static decimal ValueFor(ProgressDraft draft, IndicatorProgress indicator) =>
        draft.IsPercent && indicator.Unit.Trim() != "%" ? Math.Round(indicator.Target * draft.Value / 100m, 2) : draft.Value;

    private static async Task AnswerFlowAsync(Turn turn)
    {
        var text = turn.Text;
        var asked = (await ProgressFlow.LoadAsync(turn, ProgressFlow.TypedAnswerWindow))!.Value.Draft;
        if (asked.AsksNumber && PlainNumber().IsMatch(text))
        {
            // "1" / "2" pick a button; a number that reads one way ("1200", "1,2") picks the reading it equals.
            decimal? chosen = text switch
            {
                "1" => asked.Value,
                "2" => asked.Decimal,
                _ => NumberReading.TryRead(text, out var typed) && !typed.IsAmbiguous && (typed.Value == asked.Value || typed.Value == asked.Decimal) ? typed.Value : null,
            };
            ReplyWith(turn, chosen is null ? await ConfirmAsync(turn) : await NumberAsync(turn, chosen));
            await turn.SaveAsync();
            return;
        }

        if (ChoiceNumber().IsMatch(text))
        {
            var open = (await ProgressFlow.LoadAsync(turn, ProgressFlow.TypedAnswerWindow))!.Value;
            var index = int.Parse(text, CultureInfo.InvariantCulture) - 1;
            if (open.Draft.IndicatorId is null && index >= 0 && index < open.Draft.Candidates.Count)
            {
                ReplyWith(turn, await ChooseAsync(turn, open.Draft.Candidates[index]));
                await turn.SaveAsync();
                return;
            }
        }

        ReplyWith(turn, await ConfirmAsync(turn));
        await turn.SaveAsync();
    }

    /// <summary>A chat answer gets, as a new message, the card a button press would have shown in place.</summary>
    private static void ReplyWith(Turn turn, InvokeResponse response)
    {
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = response.Value?.DeepClone() }];
        turn.Outbox.Send(turn.User.Reference, reply, "reply", $"reply:{turn.User.Reference.UserId}:{turn.Activity.Id}:card");
    }


    private static async Task CancelAsync(Turn turn)
    {
        var had = await ProgressFlow.ClearAsync(turn);
        turn.Reply(turn.T[had ? "Common.Cancelled" : "Common.NothingToCancel"]);
        await turn.SaveAsync();
    }

    private static async Task<InvokeResponse> FormAsync(Turn turn)
    {
        if (RequireEmployee(turn) is { } refusal)
        {
            return refusal;
        }

        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicators = await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation);
        if (indicators.Count == 0)
        {
            return InvokeResponse.Card(Notice(turn.T.WithContact("Progress.NoSkp")).ToJson());
        }

        // Pre-fill from an open chat report, so "Ubah" keeps what was already said.
        var open = await ProgressFlow.LoadAsync(turn, ProgressFlow.ButtonWindow);
        ProgressFormInput? input = open is { } o
            ? new ProgressFormInput(o.Draft.IndicatorId?.ToString(CultureInfo.InvariantCulture), o.Draft.IndicatorId is { } id ? NumberReading.ForInput(ValueFor(o.Draft, indicators.First(i => i.IndicatorId == id)), turn.T.Culture) : NumberReading.ForInput(o.Draft.Value, turn.T.Culture), null, o.Draft.Note, null)
            : null;
        return InvokeResponse.Card(ProgressCards.Form(turn.T, indicators, turn.Today, input).ToJson());
    }

    private static async Task<InvokeResponse> SubmitFormAsync(Turn turn, AdaptiveCardInvokeAction action)
    {
        if (RequireEmployee(turn) is { } refusal)
        {
            return refusal;
        }

        var data = action.Data;
        var input = new ProgressFormInput(Str(data, ProgressCards.IndicatorInput), Str(data, ProgressCards.ValueInput), Str(data, ProgressCards.DateInput), Str(data, ProgressCards.NoteInput), Str(data, ProgressCards.EvidenceInput));
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        return await RecordAsync(turn, await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation), input);
    }

    /// <param name="indicators">The user's indicators, as <see cref="ProgressService.IndicatorsAsync"/> gave them this turn.</param>
    private static async Task<InvokeResponse> RecordAsync(Turn turn, List<IndicatorProgress> indicators, ProgressFormInput input)
    {
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var rater = await service.RaterContactAsync(turn);
        await using var transaction = await turn.Db.Database.BeginTransactionAsync(turn.Cancellation);
        var result = await service.SubmitAsync(turn, indicators, rater, input.IndicatorId, input.Value, input.Date, input.Note, input.Evidence);
        if (result.Error is not null)
        {
            return InvokeResponse.Card(ProgressCards.Form(turn.T, indicators, turn.Today, input, result.Error).ToJson());
        }

        await ProgressFlow.ClearAsync(turn);
        await turn.SaveAsync();
        await transaction.CommitAsync(turn.Cancellation);
        var view = result.Entry!;
        var notice = Notice(turn.T.Format("Progress.Recorded", turn.T.Number(view.Value), view.Unit, view.IndicatorText));
        return InvokeResponse.Card(notice.ToJson());
    }

    private static async Task<InvokeResponse> ConfirmAsync(Turn turn)
    {
        if (RequireEmployee(turn) is { } refusal)
        {
            return refusal;
        }

        var open = await ProgressFlow.LoadAsync(turn, ProgressFlow.ButtonWindow);
        if (open is not { } flow || flow.Draft.IndicatorId is null)
        {
            return InvokeResponse.Card(Notice(turn.T["Progress.FlowExpired"]).ToJson());
        }

        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicators = await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation);
        var indicator = indicators.FirstOrDefault(i => i.IndicatorId == flow.Draft.IndicatorId);
        if (indicator is null)
        {
            return InvokeResponse.Card(Notice(turn.T["Progress.FlowExpired"]).ToJson());
        }

        if (flow.Draft.AsksNumber)
        {
            return InvokeResponse.Card(NextCard(turn, flow.Draft, indicator).ToJson());
        }

        // Written in the user's notation, unambiguously, for the same validation a typed card value gets.
        var value = NumberReading.ForInput(ValueFor(flow.Draft, indicator), turn.T.Culture);
        return await RecordAsync(turn, indicators, new ProgressFormInput(indicator.IndicatorId.ToString(CultureInfo.InvariantCulture), value,
            flow.Draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), flow.Draft.Note, null));
    }

    private static async Task<InvokeResponse> ChooseAsync(Turn turn, int? indicatorId)
    {
        var open = await ProgressFlow.LoadAsync(turn, ProgressFlow.ButtonWindow);
        if (open is not { } flow || indicatorId is null || !flow.Draft.Candidates.Contains(indicatorId.Value))
        {
            return InvokeResponse.Card(Notice(turn.T["Progress.FlowExpired"]).ToJson());
        }

        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicator = (await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation)).First(i => i.IndicatorId == indicatorId);
        var draft = flow.Draft.For(indicator);
        await ProgressFlow.SaveAsync(turn, draft);
        await turn.SaveAsync();
        return InvokeResponse.Card(NextCard(turn, draft, indicator).ToJson());
    }

    /// <summary>The answer to "1.200 atau 1,2?": only one of the two readings offered counts.</summary>
    private static async Task<InvokeResponse> NumberAsync(Turn turn, decimal? value)
    {
        if (RequireEmployee(turn) is { } refusal)
        {
            return refusal;
        }

        var open = await ProgressFlow.LoadAsync(turn, ProgressFlow.ButtonWindow);
        if (open is not { } flow || !flow.Draft.AsksNumber || value is null || (value != flow.Draft.Value && value != flow.Draft.Decimal))
        {
            return InvokeResponse.Card(Notice(turn.T["Progress.FlowExpired"]).ToJson());
        }

        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var indicator = (await service.IndicatorsAsync(turn.User.Employee!.Id, turn.Today, turn.Cancellation)).FirstOrDefault(i => i.IndicatorId == flow.Draft.IndicatorId);
        if (indicator is null)
        {
            return InvokeResponse.Card(Notice(turn.T["Progress.FlowExpired"]).ToJson());
        }

        var draft = flow.Draft with { Value = value.Value, Decimal = null };
        await ProgressFlow.SaveAsync(turn, draft);
        await turn.SaveAsync();
        return InvokeResponse.Card(NextCard(turn, draft, indicator).ToJson());
    }

    private static async Task<InvokeResponse> ReviewAsync(Turn turn, AdaptiveCardInvokeAction action, WorkflowAction review)
    {
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var view = await Access(turn).EntryAsync(turn, Int(action.Data, "entryId"));
        if (view is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        // The actor is the sender of the invoke; card data only names the entry.
        var actor = turn.User.Employee;
        var raterId = await service.EffectiveRaterAsync(view.EmployeeId, turn.Today, turn.Cancellation);
        if (actor is null || actor.Id != raterId)
        {
            return InvokeResponse.Card(ProgressCards.ReadOnly(turn.T, view, turn.T["Progress.NotYourReview"]).ToJson());
        }

        var note = Str(action.Data, ProgressCards.ReviewNoteInput)?.Trim();
        if (review == WorkflowAction.Return && string.IsNullOrEmpty(note))
        {
            return InvokeResponse.Card(ProgressCards.ForReviewer(turn.T, view, []).ToJson());
        }

        var outcome = await TransitionAsync(turn, service, view, Int(action.Data, "version"), review, entry =>
        {
            entry.ReviewedById = actor.Id;
            entry.ReviewedAt = turn.Now;
            entry.ReviewNote = review == WorkflowAction.Return ? note : null;
        });
        if (outcome.Refusal is not null)
        {
            return outcome.Refusal;
        }

        var updated = outcome.View!;
        await NotifyEmployeeAsync(turn, updated, review);
        await service.UpdateOtherCardsAsync(turn, updated);
        await turn.SaveAsync();
        return InvokeResponse.Card((await service.CardForAsync(actor.Id, updated, turn.T, turn.Today, turn.Cancellation)).ToJson());
    }

    private static async Task<InvokeResponse> ChangeAsync(Turn turn, AdaptiveCardInvokeAction action, WorkflowAction change)
    {
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var view = await Access(turn).EntryAsync(turn, Int(action.Data, "entryId"));
        if (view is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        if (turn.User.Employee?.Id != view.EmployeeId)
        {
            return InvokeResponse.Card(ProgressCards.ReadOnly(turn.T, view, turn.T["Progress.NotYourEntry"]).ToJson());
        }

        decimal value = view.Value;
        if (change == WorkflowAction.Edit)
        {
            // The same checks as a new report: a correction is a report the rater reads again.
            var error = ProgressService.ValidateValue(turn.T, Str(action.Data, ProgressCards.ValueInput), view.Unit, out value)
                        ?? ProgressService.ValidateEvidence(turn.T, Str(action.Data, ProgressCards.EvidenceInput))
                        ?? ProgressService.ValidateText(turn.T, Str(action.Data, ProgressCards.NoteInput), Str(action.Data, ProgressCards.EvidenceInput));
            if (error is not null)
            {
                var typed = new ProgressFormInput(null, Str(action.Data, ProgressCards.ValueInput), null, Str(action.Data, ProgressCards.NoteInput), Str(action.Data, ProgressCards.EvidenceInput));
                var again = ProgressCards.ForEmployee(turn.T, view, [], typed);
                again.Body.Insert(0, new TextBlock(error) { Color = CardStyles.Attention, Weight = CardStyles.Bolder });
                return InvokeResponse.Card(again.ToJson());
            }

            // Editing a returned entry sends it back for review.
            if (view.Status == ProgressStatus.Returned)
            {
                change = WorkflowAction.Resubmit;
            }
        }

        var outcome = await TransitionAsync(turn, service, view, Int(action.Data, "version"), change, entry =>
        {
            if (change is WorkflowAction.Edit or WorkflowAction.Resubmit)
            {
                entry.Value = value;
                entry.Note = StoredText.Fit(Str(action.Data, ProgressCards.NoteInput), ProgressService.MaxNote);
                entry.Evidence = StoredText.Fit(Str(action.Data, ProgressCards.EvidenceInput), ProgressService.MaxEvidence);
                entry.SubmittedAt = turn.Now;
            }
        });
        if (outcome.Refusal is not null)
        {
            return outcome.Refusal;
        }

        if (change == WorkflowAction.Resubmit)
        {
            await service.SendReviewAgainAsync(turn, outcome.View!);
        }

        await service.UpdateOtherCardsAsync(turn, outcome.View!);
        await turn.SaveAsync();
        return InvokeResponse.Card((await service.CardForAsync(turn.User.Employee.Id, outcome.View!, turn.T, turn.Today, turn.Cancellation)).ToJson());
    }

    private static RecordAccess Access(Turn turn) => turn.Context.Services.GetRequiredService<RecordAccess>();

    private sealed record TransitionOutcome(EntryView? View, InvokeResponse? Refusal);

    /// <summary>
    /// Applies one workflow step if the card is current and the step is allowed; a stale card, a second
    /// click or a lost race gets the current state instead, and changes nothing.
    /// </summary>
    private static async Task<TransitionOutcome> TransitionAsync(Turn turn, ProgressService service, EntryView view, int? cardVersion, WorkflowAction action, Action<Data.Model.ProgressEntry> apply)
    {
        var viewerId = turn.User.Employee!.Id;
        async Task<TransitionOutcome> Current(string noticeKey)
        {
            var fresh = (await service.ViewAsync(view.Id, turn.Cancellation))!;
            var card = await service.CardForAsync(viewerId, fresh, turn.T, turn.Today, turn.Cancellation);
            card.Body.Insert(0, new TextBlock(turn.T.Format(noticeKey, turn.T["Progress.Status." + fresh.Status])) { Color = CardStyles.Warning, Weight = CardStyles.Bolder });
            return new TransitionOutcome(null, InvokeResponse.Card(card.ToJson()));
        }

        var step = ProgressWorkflow.Apply(view.Status, action);
        if (!step.Allowed)
        {
            return await Current("Progress.AlreadyInState");
        }

        // Every card the bot sends carries the version it shows; one without it is not a card of the current state.
        if (cardVersion is null || cardVersion != view.Version)
        {
            return await Current("Progress.StaleCard");
        }

        var entry = await turn.Db.ProgressEntries.FirstAsync(p => p.Id == view.Id, turn.Cancellation);
        if (entry.Version != view.Version)
        {
            // Another click committed between reading the view and loading the row: its outcome stands.
            return await Current("Progress.AlreadyInState");
        }

        entry.Status = step.Next;
        apply(entry);
        try
        {
            await turn.SaveAsync();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            turn.Db.ChangeTracker.Clear();
            return await Current("Progress.AlreadyInState");
        }

        return new TransitionOutcome(await service.ViewAsync(view.Id, turn.Cancellation), null);
    }

    private static async Task NotifyEmployeeAsync(Turn turn, EntryView view, WorkflowAction review)
    {
        var employeeRef = await turn.Db.ConversationRefs.FirstOrDefaultAsync(c => c.EmployeeId == view.EmployeeId, turn.Cancellation);
        if (employeeRef is null)
        {
            return;
        }

        var language = await turn.Db.Employees.Where(e => e.Id == view.EmployeeId).Select(e => e.Language).FirstOrDefaultAsync(turn.Cancellation);
        var t = Localization.Texts.ForPerson(language);
        var text = review == WorkflowAction.Approve
            ? t.Format("Progress.Notify.Approved", view.ReviewerName, t.Number(view.Value), view.Unit, view.IndicatorText)
            : t.Format("Progress.Notify.Returned", view.ReviewerName, view.IndicatorText, view.ReviewNote);
        // Plain: the return note is the rater's own words, never markdown.
        turn.Outbox.Send(employeeRef, new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Plain }, "progress.outcome", $"progress.outcome:{view.Id}:{view.Version}");
    }

    private static async Task<InvokeResponse> RefreshAsync(Turn turn, int? entryId)
    {
        var service = turn.Context.Services.GetRequiredService<ProgressService>();
        var view = await Access(turn).EntryAsync(turn, entryId);
        if (view is null || turn.User.Employee is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        return InvokeResponse.Card((await service.CardForAsync(turn.User.Employee.Id, view, turn.T, turn.Today, turn.Cancellation)).ToJson());
    }
}

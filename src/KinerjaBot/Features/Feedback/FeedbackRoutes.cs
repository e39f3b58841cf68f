using System.Globalization;
using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Access;
using KinerjaBot.Features.Progress;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Feedback;

/// <summary>Umpan balik: requests by chat or card, answers and declines, and a supervisor's unprompted feedback.</summary>
public static partial class FeedbackRoutes
{
    /// <summary>The same request or note sent again within this window is a double submit, not a new one.</summary>
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);

    [GeneratedRegex(@"^(minta|mohon|request|ask for)\s+(umpan\s*balik|feedback)\b[\s:,-]*(?<question>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RequestCommand();

    [GeneratedRegex(@"^(umpan\s*balik|feedback)$", RegexOptions.IgnoreCase)]
    private static partial Regex ListCommand();

    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration("Feedback").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedbackSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedbackSweep>());
        return services.AddScoped<FeedbackService>();
    }

    public static BotRouter MapFeedback(this BotRouter router) => router
        .OnMessage("feedback.request", RequestCommand(), context => RequestByChatAsync(context.Kinerja()))
        .OnMessage("feedback.list", ListCommand(), context => ListAsync(context.Kinerja()))
        .OnCardAction(Verbs.FeedbackRequestForm, (context, _) => FormAsync(context.Kinerja()))
        .OnCardAction(Verbs.FeedbackRequestSubmit, (context, action) => SubmitAsync(context.Kinerja(), action))
        .OnCardAction(Verbs.FeedbackAnswer, (context, action) => RespondAsync(context.Kinerja(), action, WorkflowAction.Answer))
        .OnCardAction(Verbs.FeedbackDecline, (context, action) => RespondAsync(context.Kinerja(), action, WorkflowAction.Decline))
        .OnCardAction(Verbs.FeedbackRefresh, (context, action) => RefreshAsync(context.Kinerja(), CardData.Int(action.Data, "requestId")))
        .OnCardAction(Verbs.FeedbackGiveForm, (context, action) => GiveFormAsync(context.Kinerja(), CardData.Int(action.Data, "employeeId")))
        .OnCardAction(Verbs.FeedbackGive, (context, action) => GiveAsync(context.Kinerja(), action));

    private static FeedbackService Service(Turn turn) => turn.Context.Services.GetRequiredService<FeedbackService>();

    private static InvokeResponse Notice(string text) => InvokeResponse.Card(CardData.Notice(text).ToJson());

    private static async Task RequestByChatAsync(Turn turn)
    {
        if (!turn.User.IsRegistered)
        {
            turn.Reply(turn.T.WithContact("Common.NotRegistered"));
            await turn.SaveAsync();
            return;
        }

        var question = CardData.Clean(RequestCommand().Match(turn.Text).Groups["question"].Value, FeedbackService.MaxText);
        turn.ReplyCard(await BuildFormAsync(turn, question is null ? null : new FeedbackFormInput(null, null, question, null), null), turn.T["Feedback.Form.Title"]);
        await turn.SaveAsync();
    }

    private static async Task<AdaptiveCard> BuildFormAsync(Turn turn, FeedbackFormInput? input, string? error)
    {
        var me = turn.User.Employee!;
        var service = Service(turn);
        var recipients = await service.RecipientsAsync(me, turn.Today, turn.Cancellation);
        if (recipients.Count == 0)
        {
            return CardData.Notice(turn.T["Feedback.NoRecipients"]);
        }

        return FeedbackCards.RequestForm(turn.T, recipients, await service.SubjectsAsync(me.Id, turn.Today, turn.Cancellation), turn.Today, input, error);
    }

    private static async Task<InvokeResponse> FormAsync(Turn turn) =>
        turn.User.IsRegistered ? InvokeResponse.Card((await BuildFormAsync(turn, null, null)).ToJson()) : Notice(turn.T.WithContact("Common.NotRegistered"));

    /// <summary>"umpan balik": requests waiting for me come as cards; requests whose recipient left are rerouted first.</summary>
    private static async Task ListAsync(Turn turn)
    {
        if (!turn.User.IsRegistered)
        {
            turn.Reply(turn.T.WithContact("Common.NotRegistered"));
            await turn.SaveAsync();
            return;
        }

        var me = turn.User.Employee!.Id;
        var service = Service(turn);
        await service.RerouteStaleAsync(turn, turn.Db.FeedbackRequests.Where(f => f.RequesterId == me || f.RecipientId == me));
        var waiting = await turn.Db.FeedbackRequests.AsNoTracking().Where(f => f.RecipientId == me && f.Status == FeedbackRequestStatus.Open)
            .OrderBy(f => f.DueDate == null).ThenBy(f => f.DueDate).ThenBy(f => f.Id).Select(f => f.Id).Take(10).ToListAsync(turn.Cancellation);
        var mine = await turn.Db.FeedbackRequests.CountAsync(f => f.RequesterId == me && f.Status == FeedbackRequestStatus.Open, turn.Cancellation);
        turn.Reply(turn.T.Format("Feedback.List.Summary", waiting.Count, mine));
        foreach (var id in waiting)
        {
            var view = (await service.ViewAsync(id, turn.Cancellation))!;
            CardCopies.ReplyTracked(turn, await service.CardForAsync(me, view, turn.T, turn.Cancellation), turn.T.Format("Feedback.Recipient.Title", view.RequesterName), FeedbackService.SubjectPrefix + id);
        }

        await turn.SaveAsync();
    }

    private static async Task<InvokeResponse> SubmitAsync(Turn turn, AdaptiveCardInvokeAction action)
    {
        if (!turn.User.IsRegistered)
        {
            return Notice(turn.T.WithContact("Common.NotRegistered"));
        }

        var me = turn.User.Employee!;
        var t = turn.T;
        var service = Service(turn);
        var input = new FeedbackFormInput(CardData.Str(action.Data, FeedbackCards.RecipientInput), CardData.Str(action.Data, FeedbackCards.SubjectInput),
            CardData.Str(action.Data, FeedbackCards.QuestionInput), CardData.Str(action.Data, FeedbackCards.DueInput));
        async Task<InvokeResponse> Again(string error) => InvokeResponse.Card((await BuildFormAsync(turn, input, error)).ToJson());

        // Both lists are computed for the sender: a forged id in the card data matches nothing.
        var recipients = await service.RecipientsAsync(me, turn.Today, turn.Cancellation);
        var recipient = recipients.FirstOrDefault(r => r.EmployeeId.ToString(CultureInfo.InvariantCulture) == input.RecipientId?.Trim());
        if (recipient is null)
        {
            return await Again(t["Feedback.Error.Recipient"]);
        }

        var subject = (await service.SubjectsAsync(me.Id, turn.Today, turn.Cancellation)).FirstOrDefault(s => s.Code == input.Subject?.Trim());
        if (subject is null)
        {
            return await Again(t["Feedback.Error.Subject"]);
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(input.DueDate))
        {
            if (!DateOnly.TryParseExact(input.DueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d < turn.Today || d > turn.Today.AddYears(1))
            {
                return await Again(t["Feedback.Error.Due"]);
            }

            due = d;
        }

        var question = CardData.Clean(input.Question, FeedbackService.MaxText);
        var since = turn.Now - DuplicateWindow;
        var duplicate = await turn.Db.FeedbackRequests.AsNoTracking().Where(f => f.RequesterId == me.Id && f.RecipientId == recipient.EmployeeId
                && f.Status == FeedbackRequestStatus.Open && f.RhkId == subject.RhkId && f.ProgressEntryId == subject.ProgressEntryId && f.Behaviour == subject.Behaviour && f.Question == question)
            .OrderByDescending(f => f.Id).FirstOrDefaultAsync(turn.Cancellation);
        if (duplicate is not null && duplicate.CreatedAt >= since)
        {
            var existing = (await service.ViewAsync(duplicate.Id, turn.Cancellation))!;
            return InvokeResponse.Card(CardData.WithNotice(await service.CardForAsync(me.Id, existing, t, turn.Cancellation), t["Feedback.AlreadySent"]).ToJson());
        }

        var request = new FeedbackRequest
        {
            RequesterId = me.Id,
            RecipientId = recipient.EmployeeId,
            RhkId = subject.RhkId,
            ProgressEntryId = subject.ProgressEntryId,
            Behaviour = subject.Behaviour,
            Question = question,
            DueDate = due,
            Status = FeedbackRequestStatus.Open,
            CreatedAt = turn.Now,
        };
        turn.Db.FeedbackRequests.Add(request);
        await turn.SaveAsync();
        var view = (await service.ViewAsync(request.Id, turn.Cancellation))!;
        var delivered = await service.SendToRecipientAsync(turn, view);
        CardCopies.ReplyTracked(turn, await service.CardForAsync(me.Id, view, t, turn.Cancellation), t.Format("Feedback.Requester.Title", view.RecipientName), FeedbackService.SubjectPrefix + view.Id);
        await turn.SaveAsync();
        return Notice(t.Format(delivered ? "Feedback.Sent" : "Feedback.SentNotReachable", view.RecipientName));
    }

    private static async Task<InvokeResponse> RespondAsync(Turn turn, AdaptiveCardInvokeAction action, WorkflowAction response)
    {
        var t = turn.T;
        var service = Service(turn);
        var view = await Access(turn).FeedbackRequestAsync(turn, CardData.Int(action.Data, "requestId"));
        if (view is null || turn.User.Employee is null)
        {
            return RecordAccess.Refusal(t);
        }

        var me = turn.User.Employee.Id;
        var refresh = await CardCopies.UserIdsAsync(turn.Db, [view.RequesterId, view.RecipientId], turn.Cancellation);
        if (view.RecipientId != me)
        {
            return InvokeResponse.Card(FeedbackCards.ReadOnly(t, view, refresh, t["Feedback.NotYours"]).ToJson());
        }

        var text = CardData.Clean(CardData.Str(action.Data, response == WorkflowAction.Answer ? FeedbackCards.AnswerInput : FeedbackCards.ReasonInput), FeedbackService.MaxText);
        async Task<InvokeResponse> Current(string key)
        {
            turn.Db.ChangeTracker.Clear();
            var fresh = (await service.ViewAsync(view.Id, turn.Cancellation))!;
            var card = await service.CardForAsync(me, fresh, t, turn.Cancellation);
            return InvokeResponse.Card(CardData.WithNotice(card, t.Format(key, t["Feedback.Status." + fresh.Status])).ToJson());
        }

        var step = FeedbackWorkflow.Apply(view.Status, response);
        if (!step.Allowed)
        {
            return await Current("Feedback.AlreadyInState");
        }

        if (text is null)
        {
            return InvokeResponse.Card(CardData.WithNotice(FeedbackCards.ForRecipient(t, view, refresh), t[response == WorkflowAction.Answer ? "Feedback.Recipient.AnswerRequired" : "Feedback.Recipient.DeclineReasonRequired"], CardStyles.Attention).ToJson());
        }

        var cardVersion = CardData.Int(action.Data, "version");
        if (cardVersion is null || cardVersion != view.Version)
        {
            return await Current("Feedback.StaleCard");
        }

        var request = await turn.Db.FeedbackRequests.FirstAsync(f => f.Id == view.Id, turn.Cancellation);
        if (request.Version != view.Version)
        {
            return await Current("Feedback.AlreadyInState");
        }

        // The recipient left the requester's circle since the request was made: it moves on instead of being answered here.
        if (!await service.RecipientStillValidAsync(request, turn.Today, turn.Cancellation))
        {
            await service.RerouteStaleAsync(turn, turn.Db.FeedbackRequests.Where(f => f.Id == view.Id));
            return await Current("Feedback.Moved");
        }

        request.Status = step.Next;
        if (response == WorkflowAction.Answer)
        {
            turn.Db.FeedbackNotes.Add(new FeedbackNote
            {
                FromId = me, ToId = request.RequesterId, RequestId = request.Id, RhkId = request.RhkId, ProgressEntryId = request.ProgressEntryId,
                Behaviour = request.Behaviour, Text = text, CreatedAt = turn.Now,
            });
        }
        else
        {
            request.DeclineReason = text;
        }

        try
        {
            await turn.SaveAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await Current("Feedback.AlreadyInState");
        }

        var updated = (await service.ViewAsync(view.Id, turn.Cancellation))!;
        var requester = await CardCopies.RecipientAsync(turn.Db, updated.RequesterId, turn.Cancellation);
        if (response == WorkflowAction.Answer)
        {
            CardCopies.Send(turn, requester, FeedbackCards.Delivered(requester.T, updated.RecipientName, updated.Subject, text, updated.Question),
                requester.T.Format("Feedback.Delivered.Title", updated.RecipientName), "feedback.answer", $"feedback.answer:{updated.Id}", "feedback-note:" + updated.Id);
        }
        else
        {
            CardCopies.Tell(turn, requester, requester.T.Format("Feedback.Notify.Declined", updated.RecipientName, updated.Subject.Describe(requester.T), text),
                "feedback.declined", $"feedback.declined:{updated.Id}");
        }

        await service.UpdateOtherCardsAsync(turn, updated);
        await turn.SaveAsync();
        return InvokeResponse.Card((await service.CardForAsync(me, updated, t, turn.Cancellation)).ToJson());
    }

    private static async Task<InvokeResponse> RefreshAsync(Turn turn, int? requestId)
    {
        var service = Service(turn);
        var view = await Access(turn).FeedbackRequestAsync(turn, requestId);
        if (view is null || turn.User.Employee is null)
        {
            return RecordAccess.Refusal(turn.T);
        }

        return InvokeResponse.Card((await service.CardForAsync(turn.User.Employee.Id, view, turn.T, turn.Cancellation)).ToJson());
    }

    private static RecordAccess Access(Turn turn) => turn.Context.Services.GetRequiredService<RecordAccess>();

    /// <summary>The supervisor may give feedback to the people they (acting) rate, and only to them.</summary>
    private static async Task<(Employee? Member, InvokeResponse? Refusal)> TeamMemberAsync(Turn turn, int? employeeId)
    {
        if (turn.User.Employee is null)
        {
            return (null, Notice(turn.T.WithContact("Common.NotRegistered")));
        }

        var member = employeeId is null ? null : await turn.Db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId && e.IsActive, turn.Cancellation);
        if (member is null || await Service(turn).EffectiveRaterAsync(member.Id, turn.Today, turn.Cancellation) != turn.User.Employee.Id)
        {
            return (null, Notice(turn.T["Feedback.Give.NotYourTeam"]));
        }

        return (member, null);
    }

    private static async Task<InvokeResponse> GiveFormAsync(Turn turn, int? employeeId)
    {
        var (member, refusal) = await TeamMemberAsync(turn, employeeId);
        if (refusal is not null)
        {
            return refusal;
        }

        var subjects = await Service(turn).SubjectsAsync(member!.Id, turn.Today, turn.Cancellation);
        return InvokeResponse.Card(FeedbackCards.GiveForm(turn.T, member.Id, member.Name, subjects).ToJson());
    }

    private static async Task<InvokeResponse> GiveAsync(Turn turn, AdaptiveCardInvokeAction action)
    {
        var t = turn.T;
        var (member, refusal) = await TeamMemberAsync(turn, CardData.Int(action.Data, "employeeId"));
        if (refusal is not null)
        {
            return refusal;
        }

        var service = Service(turn);
        var me = turn.User.Employee!;
        var fromProgress = CardData.Str(action.Data, "from") == "progress";
        var subjects = await service.SubjectsAsync(member!.Id, turn.Today, turn.Cancellation);
        var code = CardData.Str(action.Data, FeedbackCards.SubjectInput)?.Trim();
        var subject = subjects.FirstOrDefault(s => s.Code == code);
        if (subject is null && code?.StartsWith("entry:", StringComparison.Ordinal) == true
            && int.TryParse(code.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var entryId)
            && await turn.Db.ProgressEntries.AnyAsync(p => p.Id == entryId && p.EmployeeId == member.Id, turn.Cancellation))
        {
            // An older entry than the form lists, named by its review card.
            subject = await service.SubjectOfAsync(null, entryId, null, turn.Cancellation);
        }

        var text = CardData.Clean(CardData.Str(action.Data, FeedbackCards.TextInput), FeedbackService.MaxText);
        if (subject is null || text is null)
        {
            var error = subject is null ? t["Feedback.Error.Subject"] : t["Feedback.Give.TextRequired"];
            return InvokeResponse.Card(FeedbackCards.GiveForm(t, member.Id, member.Name, subjects, code, text, error).ToJson());
        }

        var since = turn.Now - DuplicateWindow;
        var duplicate = await turn.Db.FeedbackNotes.AsNoTracking().AnyAsync(n => n.FromId == me.Id && n.ToId == member.Id && n.RequestId == null && n.Text == text
            && n.RhkId == subject.RhkId && n.ProgressEntryId == subject.ProgressEntryId && n.Behaviour == subject.Behaviour && n.CreatedAt >= since, turn.Cancellation);
        if (!duplicate)
        {
            var note = new FeedbackNote
            {
                FromId = me.Id, ToId = member.Id, RhkId = subject.RhkId, ProgressEntryId = subject.ProgressEntryId, Behaviour = subject.Behaviour,
                Text = text, CreatedAt = turn.Now,
            };
            turn.Db.FeedbackNotes.Add(note);
            await turn.SaveAsync();
            var to = await CardCopies.RecipientAsync(turn.Db, member.Id, turn.Cancellation);
            CardCopies.Send(turn, to, FeedbackCards.Delivered(to.T, me.Name, subject, text), to.T.Format("Feedback.Delivered.Title", me.Name),
                "feedback.note", $"feedback.note:{note.Id}", "feedback-note:" + note.Id.ToString(CultureInfo.InvariantCulture));
            await turn.SaveAsync();
        }

        var notice = t.Format(duplicate ? "Feedback.Give.AlreadySent" : "Feedback.Give.Sent", member.Name);
        if (fromProgress && subject.ProgressEntryId is { } id)
        {
            // Back to the review card the supervisor acted from, with a line saying the feedback went out.
            var progress = turn.Context.Services.GetRequiredService<ProgressService>();
            var view = await progress.ViewAsync(id, turn.Cancellation);
            if (view is not null)
            {
                var card = await progress.CardForAsync(me.Id, view, t, turn.Today, turn.Cancellation);
                return InvokeResponse.Card(CardData.WithNotice(card, notice, CardStyles.Good).ToJson());
            }
        }

        return Notice(notice);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Feedback;

/// <summary>What a feedback form shows again after a refused submit, so nothing typed is lost.</summary>
public sealed record FeedbackFormInput(string? RecipientId, string? Subject, string? Question, string? DueDate);

/// <summary>Cards of umpan balik: the request form, the recipient's and the requester's views, and unprompted feedback.</summary>
public static class FeedbackCards
{
    public const string RecipientInput = "recipientId";
    public const string SubjectInput = "subject";
    public const string QuestionInput = "question";
    public const string DueInput = "dueDate";
    public const string AnswerInput = "answer";
    public const string ReasonInput = "reason";
    public const string TextInput = "feedbackText";

    /// <summary>The employee asks someone for feedback on an RHK, a progress entry or a BerAKHLAK value.</summary>
    public static AdaptiveCard RequestForm(Texts t, IReadOnlyList<FeedbackRecipientChoice> recipients, IReadOnlyList<FeedbackSubject> subjects, DateOnly today, FeedbackFormInput? input = null, string? error = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Feedback.Form.Title"]) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t["Feedback.Form.Intro"]) { IsSubtle = true },
            },
        };
        if (error is not null)
        {
            card.Body.Add(new TextBlock(error) { Color = CardStyles.Attention, Weight = CardStyles.Bolder });
        }

        card.Body.Add(new ChoiceSetInput
        {
            Id = RecipientInput,
            Label = t["Feedback.Form.Recipient"],
            IsRequired = true,
            ErrorMessage = t["Feedback.Form.RecipientRequired"],
            Style = CardStyles.Compact,
            Value = input?.RecipientId ?? recipients.FirstOrDefault(r => r.IsRater)?.EmployeeId.ToString(CultureInfo.InvariantCulture),
            Choices = recipients.Select(r => new Choice(r.IsRater ? t.Format("Feedback.Form.RaterChoice", r.Name) : r.Name, r.EmployeeId.ToString(CultureInfo.InvariantCulture))).ToList(),
        });
        card.Body.Add(SubjectChoice(t, subjects, input?.Subject));
        card.Body.Add(new Protocol.Cards.TextInput { Id = QuestionInput, Label = t["Feedback.Form.Question"], Placeholder = t["Feedback.Form.QuestionHint"], IsMultiline = true, MaxLength = FeedbackService.MaxText, Value = input?.Question });
        card.Body.Add(new DateInput { Id = DueInput, Label = t["Feedback.Form.Due"], Min = Iso(today), Value = input?.DueDate });
        card.Actions = [new ExecuteAction { Verb = Verbs.FeedbackRequestSubmit, Title = t["Feedback.Form.Submit"], Style = CardStyles.Positive }];
        return card;
    }

    /// <summary>A supervisor gives a team member feedback without being asked.</summary>
    public static AdaptiveCard GiveForm(Texts t, int employeeId, string employeeName, IReadOnlyList<FeedbackSubject> subjects, string? subject = null, string? text = null, string? error = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Feedback.Give.Title", employeeName)) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
            },
        };
        if (error is not null)
        {
            card.Body.Add(new TextBlock(error) { Color = CardStyles.Attention, Weight = CardStyles.Bolder });
        }

        card.Body.Add(SubjectChoice(t, subjects, subject));
        card.Body.Add(FeedbackTextInput(t, text));
        card.Actions = [new ExecuteAction { Verb = Verbs.FeedbackGive, Title = t["Feedback.Give.Send"], Style = CardStyles.Positive, Data = new JsonObject { ["employeeId"] = employeeId } }];
        return card;
    }

    /// <summary>A team-member picker for unprompted feedback (on the supervisor's status card).</summary>
    public static ShowCardAction GiveAction(Texts t, IReadOnlyList<(int Id, string Name)> team) => new()
    {
        Title = t["Feedback.Give.Button"],
        Card = new AdaptiveCard
        {
            Body =
            {
                new ChoiceSetInput
                {
                    Id = "employeeId",
                    Label = t["Feedback.Give.Member"],
                    IsRequired = true,
                    ErrorMessage = t["Feedback.Give.MemberRequired"],
                    Style = CardStyles.Compact,
                    Choices = team.Select(m => new Choice(m.Name, m.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
                },
            },
            Actions = [new ExecuteAction { Verb = Verbs.FeedbackGiveForm, Title = t["Feedback.Give.Next"] }],
        },
    };

    /// <summary>The "give feedback" show-card under a progress review card: feedback about that entry.</summary>
    public static ShowCardAction GiveOnEntryAction(Texts t, int employeeId, int entryId) => new()
    {
        Title = t["Feedback.Give.Button"],
        Card = new AdaptiveCard
        {
            Body = { FeedbackTextInput(t, null) },
            Actions =
            [
                new ExecuteAction
                {
                    Verb = Verbs.FeedbackGive, Title = t["Feedback.Give.Send"], Style = CardStyles.Positive,
                    Data = new JsonObject { ["employeeId"] = employeeId, [SubjectInput] = "entry:" + entryId.ToString(CultureInfo.InvariantCulture), ["from"] = "progress" },
                },
            ],
        },
    };

    /// <summary>Feedback delivered to the employee.</summary>
    public static AdaptiveCard Delivered(Texts t, string fromName, FeedbackSubject subject, string text, string? question = null) => new()
    {
        Body =
        {
            new TextBlock(t.Format("Feedback.Delivered.Title", fromName)) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
            new TextBlock(subject.Describe(t)) { IsSubtle = true, Spacing = CardStyles.None },
            RichTextBlock.Plain(question is null ? "" : t.Format("Feedback.Field.QuestionText", CardData.Cut(question, 500)), isSubtle: true, isVisible: question is not null),
            RichTextBlock.Plain(text, spacing: CardStyles.Medium),
        },
    };

    /// <summary>The recipient's card: answer or decline while the request is open.</summary>
    public static AdaptiveCard ForRecipient(Texts t, FeedbackView v, IReadOnlyList<string> refreshUserIds)
    {
        var card = Base(t, v, t.Format("Feedback.Recipient.Title", v.RequesterName), refreshUserIds);
        if (FeedbackWorkflow.Apply(v.Status, WorkflowAction.Answer).Allowed)
        {
            card.Actions =
            [
                new ShowCardAction
                {
                    Title = t["Feedback.Recipient.Answer"],
                    Card = new AdaptiveCard
                    {
                        Body = { new Protocol.Cards.TextInput { Id = AnswerInput, Label = t["Feedback.Recipient.AnswerLabel"], IsMultiline = true, IsRequired = true, ErrorMessage = t["Feedback.Recipient.AnswerRequired"], MaxLength = FeedbackService.MaxText } },
                        Actions = [new ExecuteAction { Verb = Verbs.FeedbackAnswer, Title = t["Feedback.Recipient.Send"], Style = CardStyles.Positive, Data = Ref(v) }],
                    },
                },
                new ShowCardAction
                {
                    Title = t["Feedback.Recipient.Decline"],
                    Card = new AdaptiveCard
                    {
                        Body = { new Protocol.Cards.TextInput { Id = ReasonInput, Label = t["Feedback.Recipient.DeclineReason"], IsMultiline = true, IsRequired = true, ErrorMessage = t["Feedback.Recipient.DeclineReasonRequired"], MaxLength = FeedbackService.MaxText } },
                        Actions = [new ExecuteAction { Verb = Verbs.FeedbackDecline, Title = t["Feedback.Recipient.DeclineSend"], Style = CardStyles.Destructive, Data = Ref(v) }],
                    },
                },
            ];
        }

        return card;
    }

    public static AdaptiveCard ForRequester(Texts t, FeedbackView v, IReadOnlyList<string> refreshUserIds) =>
        Base(t, v, t.Format("Feedback.Requester.Title", v.RecipientName), refreshUserIds);

    public static AdaptiveCard ReadOnly(Texts t, FeedbackView v, IReadOnlyList<string> refreshUserIds, string? notice = null)
    {
        var card = Base(t, v, t.Format("Feedback.Requester.Title", v.RecipientName), refreshUserIds);
        return notice is null ? card : CardData.WithNotice(card, notice);
    }

    private static AdaptiveCard Base(Texts t, FeedbackView v, string title, IReadOnlyList<string> refreshUserIds)
    {
        var facts = new List<Fact>
        {
            new(t["Feedback.Field.From"], v.RequesterName),
            new(t["Feedback.Field.To"], v.RecipientName),
            new(t["Feedback.Field.About"], CardData.Cut(v.Subject.Describe(t), 300)),
            new(t["Feedback.Field.Status"], t["Feedback.Status." + v.Status]),
        };
        if (v.DueDate is { } due)
        {
            facts.Add(new Fact(t["Feedback.Field.Due"], t.Date(due)));
        }

        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(title) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new FactSet { Facts = facts },
            },
        };
        if (!string.IsNullOrWhiteSpace(v.Question))
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Feedback.Field.QuestionText", v.Question), spacing: CardStyles.Small));
        }

        if (v.Answer is not null)
        {
            card.Body.Add(new TextBlock(t["Feedback.Field.Answer"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
            card.Body.Add(RichTextBlock.Plain(v.Answer, spacing: CardStyles.Small));
        }

        if (v.DeclineReason is not null)
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Feedback.Field.DeclineText", v.DeclineReason), CardStyles.Attention, spacing: CardStyles.Small));
        }

        card.Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Verb = Verbs.FeedbackRefresh, Data = new JsonObject { ["requestId"] = v.Id } },
            UserIds = refreshUserIds.Take(CardRefresh.MaxUserIds).ToList(),
        };
        return card;
    }

    private static ChoiceSetInput SubjectChoice(Texts t, IReadOnlyList<FeedbackSubject> subjects, string? value) => new()
    {
        Id = SubjectInput,
        Label = t["Feedback.Form.Subject"],
        IsRequired = true,
        ErrorMessage = t["Feedback.Form.SubjectRequired"],
        Style = CardStyles.Compact,
        Value = value,
        Choices = subjects.Select(s => new Choice(CardData.Cut(s.Describe(t), 150), s.Code)).ToList(),
    };

    private static Protocol.Cards.TextInput FeedbackTextInput(Texts t, string? text) => new()
    {
        Id = TextInput, Label = t["Feedback.Give.Text"], IsMultiline = true, IsRequired = true, ErrorMessage = t["Feedback.Give.TextRequired"], MaxLength = FeedbackService.MaxText, Value = text,
    };

    private static JsonObject Ref(FeedbackView v) => new() { ["requestId"] = v.Id, ["version"] = v.Version };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

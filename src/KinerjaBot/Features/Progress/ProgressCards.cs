using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Progress;

/// <summary>Cards of the progress flow: the form, the confirmation, the employee's and the reviewer's views.</summary>
public static class ProgressCards
{
    public const string IndicatorInput = "indicatorId";
    public const string ValueInput = "value";
    public const string DateInput = "date";
    public const string NoteInput = "note";
    public const string EvidenceInput = "evidence";
    public const string ReviewNoteInput = "reviewNote";

    /// <summary>The progress form. <paramref name="error"/> and <paramref name="input"/> come back after a refused submit.</summary>
    public static AdaptiveCard Form(Texts t, IReadOnlyList<IndicatorProgress> indicators, DateOnly today, ProgressFormInput? input = null, string? error = null)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Progress.Form.Title"]) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new TextBlock(t["Progress.Form.Intro"]) { IsSubtle = true },
            },
        };
        if (error is not null)
        {
            card.Body.Add(new TextBlock(error) { Color = CardStyles.Attention, Weight = CardStyles.Bolder });
        }

        foreach (var rhk in indicators.GroupBy(i => i.RhkText))
        {
            card.Body.Add(new TextBlock(rhk.Key) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
            card.Body.Add(new FactSet
            {
                Facts = rhk.Select(i => new Fact(i.IndicatorText, FiguresText.Of(t, i.Figures, i.Measure, i.Target, i.Unit))).ToList(),
            });
        }

        card.Body.Add(new ChoiceSetInput
        {
            Id = IndicatorInput,
            Label = t["Progress.Form.Indicator"],
            IsRequired = true,
            ErrorMessage = t["Progress.Form.IndicatorRequired"],
            Style = CardStyles.Compact,
            Value = input?.IndicatorId ?? (indicators.Count == 1 ? indicators[0].IndicatorId.ToString(t.Culture) : null),
            Choices = indicators.Select(i => new Choice($"{i.IndicatorText} ({i.Unit})", i.IndicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
        });
        card.Body.Add(new TextInput
        {
            Id = ValueInput,
            Label = t["Progress.Form.Value"],
            IsRequired = true,
            ErrorMessage = t["Progress.Form.ValueRequired"],
            Placeholder = "3",
            Value = input?.Value,
            // Text rather than Input.Number: "2,5" is how Indonesians write 2.5, and a number input would drop it.
            Regex = @"^\s*\d+([.,]\d+)*\s*$",
        });
        card.Body.Add(new DateInput
        {
            Id = DateInput,
            Label = t["Progress.Form.Date"],
            Value = input?.Date ?? today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Max = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        card.Body.Add(new TextInput { Id = NoteInput, Label = t["Progress.Form.Note"], IsMultiline = true, MaxLength = 2000, Value = input?.Note });
        card.Body.Add(new TextInput
        {
            Id = EvidenceInput,
            Label = t["Progress.Form.Evidence"],
            Placeholder = "https://…",
            IsMultiline = true,
            MaxLength = 4000,
            Value = input?.Evidence,
        });
        card.Actions =
        [
            new ExecuteAction { Verb = Features.Verbs.ProgressSubmit, Title = t["Progress.Form.Submit"], Style = CardStyles.Positive },
        ];
        return card;
    }

    /// <summary>What the bot understood from a chat message, to confirm or change.</summary>
    public static AdaptiveCard Confirm(Texts t, IndicatorProgress indicator, decimal value, DateOnly date, string? note)
    {
        return new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t["Progress.Confirm.Title"]) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new FactSet
                {
                    Facts =
                    {
                        new Fact(t["Progress.Field.Rhk"], indicator.RhkText),
                        new Fact(t["Progress.Field.Indicator"], indicator.IndicatorText),
                        new Fact(t["Progress.Field.Value"], $"{t.Number(value)} {indicator.Unit}"),
                        new Fact(t["Progress.Field.Date"], t.Date(date)),
                        new Fact(t["Progress.Field.SoFar"], FiguresText.Of(t, indicator.Figures, indicator.Measure, indicator.Target, indicator.Unit)),
                    },
                },
                RichTextBlock.Plain(note ?? "", isSubtle: true, isVisible: note is not null),
                new TextBlock(t["Progress.Confirm.Hint"]) { IsSubtle = true, Spacing = CardStyles.Small },
            },
            Actions =
            [
                new ExecuteAction { Verb = Features.Verbs.ProgressConfirm, Title = t["Progress.Confirm.Yes"], Style = CardStyles.Positive },
                new ExecuteAction { Verb = Features.Verbs.ProgressForm, Title = t["Progress.Confirm.Change"] },
                new ExecuteAction { Verb = Features.Verbs.Cancel, Title = t["Common.Cancel"] },
            ],
        };
    }

    /// <summary>The indicator could not be told from the message: the user picks one.</summary>
    public static AdaptiveCard Choose(Texts t, IReadOnlyList<IndicatorProgress> candidates, decimal value)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Progress.Choose.Title", t.Number(value))) { Weight = CardStyles.Bolder },
                new TextBlock(t["Progress.Choose.Hint"]) { IsSubtle = true },
            },
            Actions = [],
        };
        var number = 1;
        foreach (var c in candidates.Take(6))
        {
            card.Body.Add(new TextBlock($"{number}. {c.IndicatorText} ({c.Unit})") { Spacing = CardStyles.Small });
            card.Actions.Add(new ExecuteAction
            {
                Verb = Features.Verbs.ProgressChoose,
                Title = $"{number}",
                Data = new JsonObject { ["indicatorId"] = c.IndicatorId },
            });
            number++;
        }

        card.Actions.Add(new ExecuteAction { Verb = Features.Verbs.Cancel, Title = t["Common.Cancel"] });
        return card;
    }

    /// <summary>
    /// "1.200 (seribu dua ratus) atau 1,2 (satu koma dua)?": asked when a number can be grouping or a decimal
    /// and the indicator's unit allows both. Each reading is written in words, so neither notation misleads.
    /// </summary>
    public static AdaptiveCard AskNumber(Texts t, IndicatorProgress indicator, decimal grouped, decimal asDecimal)
    {
        string Option(decimal v) => t.Format("Progress.Number.Option", t.Number(v), NumberWords.Say(v, t.Language));
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Progress.Number.Title", Option(grouped), Option(asDecimal))) { Weight = CardStyles.Bolder },
                new TextBlock($"{indicator.IndicatorText} ({indicator.Unit})") { IsSubtle = true, Spacing = CardStyles.Small },
                new TextBlock(t["Progress.Number.Hint"]) { IsSubtle = true },
            },
            Actions = [],
        };
        var number = 1;
        foreach (var value in new[] { grouped, asDecimal })
        {
            card.Actions.Add(new ExecuteAction
            {
                Verb = Features.Verbs.ProgressNumber,
                Title = $"{number++}. {t.Number(value)}",
                Data = new JsonObject { ["value"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }

        card.Actions.Add(new ExecuteAction { Verb = Features.Verbs.Cancel, Title = t["Common.Cancel"] });
        return card;
    }

    /// <summary>The employee's own card for an entry: its state and, while it is theirs to change, edit and withdraw.</summary>
    /// <param name="typed">What the employee typed into the correction that was refused, shown again so nothing is lost.</param>
    public static AdaptiveCard ForEmployee(Texts t, EntryView e, IReadOnlyList<string> refreshUserIds, ProgressFormInput? typed = null)
    {
        var card = Base(t, e, t["Progress.Employee.Title"], refreshUserIds);
        var canChange = ProgressWorkflow.Apply(e.Status, WorkflowAction.Edit).Allowed || ProgressWorkflow.Apply(e.Status, WorkflowAction.Resubmit).Allowed;
        if (canChange)
        {
            var resubmit = e.Status == ProgressStatus.Returned;
            card.Actions =
            [
                new ShowCardAction
                {
                    Title = t[resubmit ? "Progress.Employee.Resubmit" : "Progress.Employee.Edit"],
                    Card = new AdaptiveCard
                    {
                        Body =
                        {
                            new TextInput { Id = ValueInput, Label = t["Progress.Form.Value"], Value = typed is null ? NumberReading.ForInput(e.Value, t.Culture) : typed.Value, IsRequired = true, ErrorMessage = t["Progress.Form.ValueRequired"], Regex = @"^\s*\d+([.,]\d+)*\s*$" },
                            new TextInput { Id = NoteInput, Label = t["Progress.Form.Note"], Value = typed is null ? e.Note : typed.Note, IsMultiline = true, MaxLength = 2000 },
                            new TextInput { Id = EvidenceInput, Label = t["Progress.Form.Evidence"], Value = typed is null ? e.Evidence : typed.Evidence, IsMultiline = true, MaxLength = 4000 },
                        },
                        Actions =
                        [
                            new ExecuteAction { Verb = Features.Verbs.ProgressEdit, Title = t["Progress.Employee.Save"], Style = CardStyles.Positive, Data = Ref(e) },
                        ],
                    },
                },
                new ExecuteAction { Verb = Features.Verbs.ProgressWithdraw, Title = t["Progress.Employee.Withdraw"], Style = CardStyles.Destructive, Data = Ref(e) },
            ];
        }

        return card;
    }

    /// <summary>The rater's card: approve, or return with a note, while the entry waits for them.</summary>
    public static AdaptiveCard ForReviewer(Texts t, EntryView e, IReadOnlyList<string> refreshUserIds)
    {
        var card = Base(t, e, t.Format("Progress.Reviewer.Title", e.EmployeeName), refreshUserIds);
        if (ProgressWorkflow.Apply(e.Status, WorkflowAction.Approve).Allowed)
        {
            card.Actions =
            [
                new ExecuteAction { Verb = Features.Verbs.ProgressApprove, Title = t["Progress.Reviewer.Approve"], Style = CardStyles.Positive, Data = Ref(e) },
                new ShowCardAction
                {
                    Title = t["Progress.Reviewer.Return"],
                    Card = new AdaptiveCard
                    {
                        Body =
                        {
                            new TextInput { Id = ReviewNoteInput, Label = t["Progress.Reviewer.ReturnNote"], IsMultiline = true, IsRequired = true, ErrorMessage = t["Progress.Reviewer.ReturnNoteRequired"], MaxLength = 2000 },
                        },
                        Actions = [new ExecuteAction { Verb = Features.Verbs.ProgressReturn, Title = t["Progress.Reviewer.ReturnSend"], Style = CardStyles.Destructive, Data = Ref(e) }],
                    },
                },
            ];
        }

        // Feedback on the work stays possible whatever the review decided.
        card.Actions ??= [];
        card.Actions.Add(Feedback.FeedbackCards.GiveOnEntryAction(t, e.EmployeeId, e.Id));
        return card;
    }

    /// <summary>A card for someone who may look but not act (or whose action no longer applies).</summary>
    public static AdaptiveCard ReadOnly(Texts t, EntryView e, string? notice = null)
    {
        var card = Base(t, e, t["Progress.Employee.Title"], []);
        if (notice is not null)
        {
            card.Body.Insert(0, new TextBlock(notice) { Color = CardStyles.Warning, Weight = CardStyles.Bolder });
        }

        return card;
    }

    private static AdaptiveCard Base(Texts t, EntryView e, string title, IReadOnlyList<string> refreshUserIds)
    {
        var facts = new List<Fact>
        {
            new(t["Progress.Field.Employee"], $"{e.EmployeeName} ({e.EmployeeNip})"),
            new(t["Progress.Field.Indicator"], e.IndicatorText),
            new(t["Progress.Field.Value"], $"{t.Number(e.Value)} {e.Unit}"),
            new(t["Progress.Field.SoFar"], FiguresText.Of(t, e.SoFar, e.Measure, e.Target, e.Unit)),
            new(t["Progress.Field.Date"], t.Date(e.Date)),
            new(t["Progress.Field.Status"], t["Progress.Status." + e.Status]),
        };
        if (e.ReviewerName is not null && e.Status is ProgressStatus.Approved or ProgressStatus.Returned)
        {
            facts.Add(new Fact(t["Progress.Field.ReviewedBy"], e.ReviewerName));
        }

        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(title) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new FactSet { Facts = facts },
            },
        };
        if (!string.IsNullOrWhiteSpace(e.Note))
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Progress.Field.NoteText", e.Note), spacing: CardStyles.Small));
        }

        if (!string.IsNullOrWhiteSpace(e.ReviewNote))
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Progress.Field.ReviewNoteText", e.ReviewNote), CardStyles.Attention, spacing: CardStyles.Small));
        }

        var links = EvidenceLinks(e.Evidence);
        if (links.Count > 0)
        {
            card.Body.Add(new ActionSet
            {
                Actions = links.Take(5).Select((l, i) => (CardAction)new OpenUrlAction { Url = l, Title = t.Format("Progress.Field.EvidenceLink", i + 1) }).ToList(),
            });
        }

        // Teams re-asks for the current state when the card is shown to these users, so no copy goes stale.
        card.Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Verb = Features.Verbs.ProgressRefresh, Data = new JsonObject { ["entryId"] = e.Id } },
            UserIds = refreshUserIds.Take(CardRefresh.MaxUserIds).ToList(),
        };
        return card;
    }

    private static JsonObject Ref(EntryView e) => new() { ["entryId"] = e.Id, ["version"] = e.Version };

    /// <summary>Evidence lines that are absolute http(s) URLs; anything else is kept as text in the note only.</summary>
    public static IReadOnlyList<string> EvidenceLinks(string? evidence) =>
        (evidence ?? "").Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(l => Uri.TryCreate(l, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
            .ToList();
}

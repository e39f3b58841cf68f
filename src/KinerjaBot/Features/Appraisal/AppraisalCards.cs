using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Appraisal;

/// <summary>
/// Cards of the appraisal. Whatever people typed, every card stays far below Teams' message size limit
/// (PROTOCOL.md §4): display text is cut to fixed lengths, the main card lists at most
/// <see cref="MainRhks"/> RHK, and longer SKPs are shown and self-assessed over several cards.
/// </summary>
public static class AppraisalCards
{
    /// <summary>RHK shown on the rater's and employee's main card; the rest are in the detail cards.</summary>
    public const int MainRhks = 5;

    /// <summary>RHK per detail card and per self-assessment card.</summary>
    public const int RhksPerCard = 3;

    public const string WorkResultInput = "workResult";
    public const string BehaviourInput = "behaviour";
    public const string RaterNoteInput = "raterNote";
    public const string SummaryInput = "summary";
    public const string ReasonInput = "reason";
    public const string RaterValuePrefix = "rater.value.";
    public const string SelfValuePrefix = "self.value.";
    public const string SelfRhkPrefix = "self.rhk.";

    public static int SelfParts(AppraisalView v) => Math.Max(1, (v.Rhks.Count + RhksPerCard - 1) / RhksPerCard);

    public static int DetailParts(AppraisalView v) => SelfParts(v) + 1;

    /// <summary>"penilaian": one's own appraisal, the team's, and for a head of unit the distribution check.</summary>
    public static AdaptiveCard Overview(Texts t, PerformancePeriod period, AppraisalView own, IReadOnlyList<AppraisalTeamRow> team, bool isHead)
    {
        var periodName = t.Period(period);
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Appraisal.Overview.Title", periodName)) { Size = CardStyles.Large, Weight = CardStyles.Bolder },
                new FactSet { Facts = { new Fact(t["Appraisal.Overview.Yours"], StatusText(t, own.Exists ? own.Status : null, own.Predikat)) } },
            },
            Actions = [],
        };
        if (own.RaterId is null)
        {
            card.Body.Add(new TextBlock(t.WithContact("Appraisal.NoRater")) { IsSubtle = true });
        }
        else if (!own.Exists || AppraisalWorkflow.Apply(own.Status, WorkflowAction.SelfAssess).Allowed)
        {
            card.Actions.Add(new ExecuteAction { Verb = Verbs.AppraisalSelfForm, Title = t["Appraisal.Overview.SelfAssess"], Style = CardStyles.Positive, Data = PeriodData(period) });
        }

        if (own.Exists && own.IsFinal)
        {
            card.Actions.Add(new ExecuteAction { Verb = Verbs.AppraisalOpen, Title = t["Appraisal.Overview.ViewResult"], Data = Open(own.EmployeeId, period) });
        }

        if (team.Count > 0)
        {
            card.Body.Add(new TextBlock(t.Format("Appraisal.Overview.Team", team.Count, team.Count(m => m.Status is AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected)))
                { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
            card.Body.Add(new FactSet { Facts = team.Take(40).Select(m => new Fact(m.Name, StatusText(t, m.Status, m.Predikat))).ToList() });
            card.Actions.Add(new ShowCardAction
            {
                Title = t["Appraisal.Overview.Open"],
                Card = new AdaptiveCard
                {
                    Body =
                    {
                        new ChoiceSetInput
                        {
                            Id = "employeeId", Label = t["Appraisal.Overview.Member"], IsRequired = true, ErrorMessage = t["Appraisal.Overview.MemberRequired"], Style = CardStyles.Compact,
                            Choices = team.Take(100).Select(m => new Choice(m.Name, m.EmployeeId.ToString(CultureInfo.InvariantCulture))).ToList(),
                        },
                    },
                    Actions = [new ExecuteAction { Verb = Verbs.AppraisalOpen, Title = t["Appraisal.Overview.OpenButton"], Data = PeriodData(period) }],
                },
            });
        }

        if (isHead)
        {
            card.Actions.Add(DistributionAction(t, period));
        }

        card.Body.Add(new TextBlock(t["Appraisal.Overview.OtherPeriod"]) { IsSubtle = true, Spacing = CardStyles.Medium });
        return card;
    }

    /// <summary>
    /// Self-assessment, part <paramref name="part"/> (1-based): part 1 has the summary and the BerAKHLAK
    /// notes, and each part has up to <see cref="RhksPerCard"/> RHK. Each part is saved on its own.
    /// </summary>
    public static AdaptiveCard SelfForm(Texts t, AppraisalView v, int part, string? error = null)
    {
        var parts = SelfParts(v);
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Appraisal.Self.Title", t.Period(v.Period))) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new TextBlock(parts > 1 ? t.Format("Appraisal.Self.Part", part, parts) : t["Appraisal.Self.Intro"]) { IsSubtle = true, Spacing = CardStyles.None },
            },
        };
        if (error is not null)
        {
            card.Body.Add(new TextBlock(error) { Color = CardStyles.Attention, Weight = CardStyles.Bolder });
        }

        if (part == 1)
        {
            card.Body.Add(new TextInput { Id = SummaryInput, Label = t["Appraisal.Self.Summary"], IsMultiline = true, MaxLength = AppraisalService.MaxSummary, Value = CardData.Cut(v.SelfSummary, AppraisalService.MaxSummary) });
        }

        foreach (var rhk in v.Rhks.Skip((part - 1) * RhksPerCard).Take(RhksPerCard))
        {
            card.Body.Add(new TextBlock(CardData.Cut(rhk.Text, 300)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
            card.Body.Add(IndicatorFacts(t, rhk, 5));
            card.Body.Add(new TextInput
            {
                Id = SelfRhkPrefix + rhk.RhkId.ToString(CultureInfo.InvariantCulture), Label = t["Appraisal.Self.RhkNote"], IsMultiline = true,
                MaxLength = AppraisalService.MaxSelfNote, Value = CardData.Cut(rhk.SelfNote ?? Prefill(t, v, rhk), AppraisalService.MaxSelfNote),
            });
        }

        if (part == 1)
        {
            card.Body.Add(new TextBlock(t["Appraisal.Self.Behaviour"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
            foreach (var value in v.Values)
            {
                card.Body.Add(new TextInput
                {
                    Id = SelfValuePrefix + BerAkhlak.Code(value.Value), Label = BerAkhlak.IndonesianName(value.Value), IsMultiline = true, MaxLength = AppraisalService.MaxValueNote,
                    Value = CardData.Cut(value.SelfNote ?? (value.Feedback.Count > 0 ? t.Format("Appraisal.Self.FeedbackPrefill", value.Feedback[0]) : null), AppraisalService.MaxValueNote),
                });
                card.Body.Add(Guides(t, value.Value));
            }
        }

        var data = PeriodData(v.Period);
        data["part"] = part;
        data["version"] = v.Version;
        card.Actions = [new ExecuteAction { Verb = Verbs.AppraisalSelf, Title = t[parts > 1 ? "Appraisal.Self.SavePart" : "Appraisal.Self.Send"], Style = CardStyles.Positive, Data = data }];
        return card;
    }

    /// <summary>The rater's card: context, then rating in a show-card while allowed; the predikat before finalizing.</summary>
    public static AdaptiveCard ForRater(Texts t, AppraisalView v, IReadOnlyList<string> refreshUserIds)
    {
        var card = Base(t, v, t.Format("Appraisal.Rater.Title", CardData.Cut(v.EmployeeName, 100)), refreshUserIds);
        AddContext(t, v, card);
        card.Actions = [];
        if (!v.IsFinal)
        {
            card.Actions.Add(new ShowCardAction
            {
                Title = t[v.Status == AppraisalStatus.Rated ? "Appraisal.Rater.ChangeRating" : "Appraisal.Rater.Rate"],
                Card = new AdaptiveCard { Body = RatingInputs(t, v, t["Appraisal.Rater.Note"], withGuides: true), Actions = [new ExecuteAction { Verb = Verbs.AppraisalRate, Title = t["Appraisal.Rater.Save"], Style = CardStyles.Positive, Data = Ref(v) }] },
            });
        }

        if (v.Exists && AppraisalWorkflow.Apply(v.Status, WorkflowAction.Finalize).Allowed)
        {
            card.Actions.Insert(0, new ExecuteAction { Verb = Verbs.AppraisalFinalize, Title = t["Appraisal.Rater.Finalize"], Style = CardStyles.Positive, Data = Ref(v) });
        }

        AddDetailsAction(t, v, card);
        return card;
    }

    /// <summary>The employee's card: the self-assessment while open, the result once final, with acknowledge or object.</summary>
    public static AdaptiveCard ForEmployee(Texts t, AppraisalView v, IReadOnlyList<string> refreshUserIds)
    {
        var card = Base(t, v, t.Format("Appraisal.Employee.Title", t.Period(v.Period)), refreshUserIds, v.IsFinal);
        card.Actions = [];
        if (!v.IsFinal)
        {
            card.Body.Add(new TextBlock(t["Appraisal.Employee.InProgress"]) { IsSubtle = true });
            if (v.RaterId is not null && AppraisalWorkflow.Apply(v.Status, WorkflowAction.SelfAssess).Allowed)
            {
                card.Actions.Add(new ExecuteAction { Verb = Verbs.AppraisalSelfForm, Title = t["Appraisal.Overview.SelfAssess"], Data = PeriodData(v.Period) });
            }

            return card;
        }

        AddRaterNotes(t, v, card);
        if (AppraisalWorkflow.Apply(v.Status, WorkflowAction.Acknowledge).Allowed)
        {
            card.Actions.Add(new ExecuteAction { Verb = Verbs.AppraisalAcknowledge, Title = t["Appraisal.Employee.Acknowledge"], Style = CardStyles.Positive, Data = Ref(v) });
            card.Actions.Add(new ShowCardAction
            {
                Title = t["Appraisal.Employee.Object"],
                Card = new AdaptiveCard
                {
                    Body = { new TextInput { Id = ReasonInput, Label = t["Appraisal.Employee.ObjectReason"], IsMultiline = true, IsRequired = true, ErrorMessage = t["Appraisal.Employee.ObjectReasonRequired"], MaxLength = 4000 } },
                    Actions = [new ExecuteAction { Verb = Verbs.AppraisalObject, Title = t["Appraisal.Employee.ObjectSend"], Style = CardStyles.Destructive, Data = Ref(v) }],
                },
            });
        }

        return card;
    }

    /// <summary>The rater's supervisor: sees the objection and may issue a corrected revision.</summary>
    public static AdaptiveCard ForRaterSupervisor(Texts t, AppraisalView v, IReadOnlyList<string> refreshUserIds)
    {
        // The rater's notes are in the correction inputs, where the supervisor can start from them.
        var card = Base(t, v, t.Format("Appraisal.Supervisor.Title", CardData.Cut(v.EmployeeName, 100)), refreshUserIds);
        AddContext(t, v, card);
        // The correction card already carries the rater's notes and the objection, and is the largest card a
        // full appraisal makes; the guides are on the rater's card it corrects.
        var inputs = RatingInputs(t, v, t["Appraisal.Supervisor.Note"], withGuides: false);
        inputs.Insert(0, new TextBlock(t["Appraisal.Supervisor.CorrectionIntro"]) { IsSubtle = true });
        card.Actions =
        [
            new ShowCardAction
            {
                Title = t["Appraisal.Supervisor.Correct"],
                Card = new AdaptiveCard { Body = inputs, Actions = [new ExecuteAction { Verb = Verbs.AppraisalCorrect, Title = t["Appraisal.Supervisor.CorrectSend"], Style = CardStyles.Positive, Data = Ref(v) }] },
            },
        ];
        AddDetailsAction(t, v, card);
        return card;
    }

    public static AdaptiveCard ReadOnly(Texts t, AppraisalView v, IReadOnlyList<string> refreshUserIds, string? notice = null)
    {
        var card = Base(t, v, t.Format("Appraisal.Summary", CardData.Cut(v.EmployeeName, 100), t.Period(v.Period)), refreshUserIds, v.IsFinal);
        return notice is null ? card : CardData.WithNotice(card, notice);
    }

    /// <summary>Detail card <paramref name="part"/> of <see cref="DetailParts"/>: RHK in full, then BerAKHLAK and all feedback.</summary>
    public static AdaptiveCard Details(Texts t, AppraisalView v, int part)
    {
        var parts = DetailParts(v);
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Appraisal.Details.Title", CardData.Cut(v.EmployeeName, 100), t.Period(v.Period))) { Weight = CardStyles.Bolder },
                new TextBlock(t.Format("Appraisal.Details.Part", part, parts)) { IsSubtle = true, Spacing = CardStyles.None },
            },
        };
        if (part < parts)
        {
            foreach (var rhk in v.Rhks.Skip((part - 1) * RhksPerCard).Take(RhksPerCard))
            {
                card.Body.Add(new TextBlock(CardData.Cut(rhk.Text, 500)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
                card.Body.Add(IndicatorFacts(t, rhk, 8));
                card.Body.Add(new TextBlock(t.Format("Appraisal.Field.SelfNote", rhk.SelfNote is null ? t["Appraisal.None"] : CardData.Cut(rhk.SelfNote, AppraisalService.MaxSelfNote))) { Spacing = CardStyles.Small });
                foreach (var f in rhk.Feedback.Take(2))
                {
                    card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.FeedbackLine", CardData.Cut(f, 300)), isSubtle: true, spacing: CardStyles.Small));
                }
            }

            return card;
        }

        card.Body.Add(new TextBlock(t["Appraisal.Self.Behaviour"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
        foreach (var value in v.Values)
        {
            var lines = new List<string>();
            if (value.SelfNote is not null)
            {
                lines.Add(t.Format("Appraisal.Field.SelfNote", CardData.Cut(value.SelfNote, AppraisalService.MaxValueNote)));
            }

            lines.AddRange(value.Feedback.Take(2).Select(f => t.Format("Appraisal.Field.FeedbackLine", CardData.Cut(f, 200))));
            card.Body.Add(new TextBlock($"**{BerAkhlak.IndonesianName(value.Value)}**: {(lines.Count == 0 ? t["Appraisal.None"] : string.Join(" — ", lines))}") { Spacing = CardStyles.Small });
        }

        card.Body.Add(new TextBlock(t.Format("Appraisal.Field.FeedbackCount", v.Feedback.Count)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
        foreach (var f in v.Feedback.Take(10))
        {
            card.Body.Add(RichTextBlock.Plain($"{t.Date(f.Date)} · {CardData.Cut(f.FromName, 80)}: {CardData.Cut(f.Text, 500)}", spacing: CardStyles.Small));
        }

        return card;
    }

    /// <summary>The button a head of unit checks the unit's predikat with, against the stored organisation result.</summary>
    public static ExecuteAction DistributionAction(Texts t, PerformancePeriod period) =>
        new() { Verb = Verbs.AppraisalDistribution, Title = t["Appraisal.Distribution.Button"], Data = PeriodData(period) };

    /// <summary>
    /// The head of unit's check of the unit's predikat against the pola distribusi of the stored organisation
    /// result, each rule also in persons. The result is shown, never chosen here: it is set per period by the
    /// pimpinan instansi or BKPSDM ("hasil organisasi"), so the check cannot be passed by picking another one.
    /// </summary>
    public static AdaptiveCard Distribution(Texts t, PerformancePeriod period, UnitDistribution d)
    {
        var rated = d.Members.Where(m => m.Predikat is not null).ToList();
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Appraisal.Distribution.Title", t.Period(period))) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new FactSet
                {
                    Facts =
                    {
                        new Fact(t["Appraisal.Distribution.Unit"], CardData.Cut(d.UnitName, 150)),
                        new Fact(t["Appraisal.Distribution.OrgResult"], d.Applied is { } a
                            ? t.Format("Appraisal.Distribution.OrgResultValue", t["Appraisal.OrgResult." + a.Result], CardData.Cut(a.FromUnitName, 150), CardData.Cut(a.SetBy, 100))
                            : t["Appraisal.OrgResultSet.NotSet"]),
                        new Fact(t["Appraisal.Distribution.Counted"], t.Format("Appraisal.Distribution.CountedValue", rated.Count, d.Members.Count)),
                    },
                },
                new FactSet
                {
                    Facts = Enum.GetValues<Predikat>().Reverse().Select(p => new Fact(t["Appraisal.Predikat." + p], rated.Count(m => m.Predikat == p).ToString(CultureInfo.InvariantCulture))).ToList(),
                },
            },
        };
        if (d.Applied is null || d.Report is null)
        {
            card.Body.Add(new TextBlock(t.Format("Appraisal.Distribution.NoOrgResult", t.Period(period), d.Pimpinan ?? t["Appraisal.OrgResultSet.NoPimpinan"]))
                { Color = CardStyles.Attention, Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
        }
        else
        {
            card.Body.Add(new TextBlock(t[d.Report.IsSatisfied ? "Appraisal.Distribution.Ok" : "Appraisal.Distribution.Broken"])
                { Weight = CardStyles.Bolder, Color = d.Report.IsSatisfied ? CardStyles.Good : CardStyles.Attention, Spacing = CardStyles.Medium });
            foreach (var rule in DistributionCheck.RulesFor(d.Applied.Result))
            {
                var violation = d.Report.Violations.FirstOrDefault(x => x.RuleCode == rule.RuleCode && x.Subjects.SequenceEqual(rule.Subjects.Select(p => (Predikat?)p)));
                var text = t.Format("Appraisal.Rule." + rule.RuleCode, Subjects(t, rule), Percent(rule.LimitShare));
                var line = violation is null
                    ? t.Format("Appraisal.Distribution.RuleMet", text)
                    : t.Format("Appraisal.Distribution.RuleBroken", text, Percent(violation.ActualShare));
                card.Body.Add(new TextBlock(t.Format("Appraisal.Distribution.RuleWithPersons", line, PersonsText(t, rule, d.Members)))
                    { Color = violation is null ? CardStyles.Good : CardStyles.Attention, Spacing = CardStyles.Small });
            }
        }

        if (d.Members.Count > rated.Count)
        {
            card.Body.Add(new TextBlock(t.Format("Appraisal.Distribution.NotRated", string.Join(", ", d.Members.Where(m => m.Predikat is null).Take(20).Select(m => m.Name))))
                { IsSubtle = true, Spacing = CardStyles.Medium });
        }

        card.Actions = [new ExecuteAction { Verb = Verbs.AppraisalDistribution, Title = t["Appraisal.Distribution.Check"], Data = PeriodData(period) }];
        return card;
    }

    /// <summary>
    /// A rule in persons for the whole unit ("minimal 1 orang Butuh Perbaikan, saat ini 0 orang"): everyone in
    /// it will hold a predikat by the end, so the bound is counted on all members, rated or not.
    /// </summary>
    public static string PersonsText(Texts t, DistributionRule rule, IReadOnlyList<AppraisalTeamRow> members) =>
        t.Format("Appraisal.Distribution.Persons." + rule.RuleCode, rule.PersonBound(members.Count), Subjects(t, rule),
            members.Count(m => m.Predikat is { } p && rule.Subjects.Contains(p)), members.Count);

    private static string Subjects(Texts t, DistributionRule rule) =>
        string.Join(t["Appraisal.Distribution.Or"], rule.Subjects.Select(p => t["Appraisal.Predikat." + p]));

    private static AdaptiveCard Base(Texts t, AppraisalView v, string title, IReadOnlyList<string> refreshUserIds, bool showRatings = true)
    {
        var facts = new List<Fact>
        {
            new(t["Appraisal.Field.Employee"], $"{CardData.Cut(v.EmployeeName, 100)} ({v.EmployeeNip})"),
            new(t["Appraisal.Field.Position"], CardData.Cut(v.PositionName, 200)),
            new(t["Appraisal.Field.Period"], t.Period(v.Period)),
            new(t["Appraisal.Field.Rater"], v.RaterName is null ? t["Appraisal.None"] : CardData.Cut(v.RaterName, 100)),
            new(t["Appraisal.Field.Status"], StatusText(t, v.Exists ? v.Status : null, null)),
        };
        if (v.Revision > 1)
        {
            facts.Add(new Fact(t["Appraisal.Field.Revision"], t.Format("Appraisal.Field.RevisionValue", v.Revision)));
        }

        // Ratings are shown to the employee only once final; the rater sees them as soon as they are saved.
        if (showRatings && v.WorkResult is { } work && v.Behaviour is { } behaviour)
        {
            facts.Add(new Fact(t["Appraisal.Field.WorkResult"], t["Appraisal.Rating." + work]));
            facts.Add(new Fact(t["Appraisal.Field.Behaviour"], t["Appraisal.Rating." + behaviour]));
        }

        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(title) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new FactSet { Facts = facts },
            },
        };
        if (showRatings && v.Predikat is { } predikat)
        {
            card.Body.Add(new TextBlock(t.Format("Appraisal.Field.PredikatText", t["Appraisal.Predikat." + predikat]))
                { Size = CardStyles.Large, Weight = CardStyles.Bolder, Color = predikat >= Predikat.Baik ? CardStyles.Accent : CardStyles.Attention });
            if (v.AngkaKreditValue is { } ak)
            {
                card.Body.Add(new TextBlock(t.Format("Appraisal.Field.AngkaKredit", ak.ToString("0.###", t.Culture), t.Number(v.CreditCoefficient!.Value), v.Period.MonthCount))
                    { Spacing = CardStyles.None });
            }

            if (!v.IsFinal)
            {
                card.Body.Add(new TextBlock(t["Appraisal.Rater.NotFinalYet"]) { IsSubtle = true, Spacing = CardStyles.None });
            }
        }

        if (v.ObjectionReason is not null && v.Status == AppraisalStatus.Objected)
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.Objection", CardData.Cut(v.ObjectionReason, 1500)), CardStyles.Attention));
        }

        card.Refresh = new CardRefresh
        {
            Action = new ExecuteAction { Verb = Verbs.AppraisalRefresh, Data = Open(v.EmployeeId, v.Period) },
            UserIds = refreshUserIds.Take(CardRefresh.MaxUserIds).ToList(),
        };
        return card;
    }

    /// <summary>Compact context for rating: progress vs target, the self-assessment and the feedback.</summary>
    private static void AddContext(Texts t, AppraisalView v, AdaptiveCard card)
    {
        card.Body.Add(new TextBlock(t["Appraisal.Field.Progress"]) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium, Separator = true });
        if (v.Rhks.Count == 0)
        {
            card.Body.Add(new TextBlock(t.WithContact("Progress.NoSkp")) { IsSubtle = true });
        }

        foreach (var rhk in v.Rhks.Take(MainRhks))
        {
            card.Body.Add(new TextBlock(CardData.Cut(rhk.Text, 200)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Small });
            card.Body.Add(IndicatorFacts(t, rhk, 3));
            if (rhk.SelfNote is not null)
            {
                card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.SelfNote", CardData.Cut(rhk.SelfNote, 200)), isSubtle: true, spacing: CardStyles.None));
            }
        }

        if (v.Rhks.Count > MainRhks)
        {
            card.Body.Add(new TextBlock(t.Format("Appraisal.Field.MoreRhks", v.Rhks.Count - MainRhks)) { IsSubtle = true });
        }

        card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.SelfSummary", v.SelfSummary is null ? t["Appraisal.Field.NoSelf"] : CardData.Cut(v.SelfSummary, 500)),
            spacing: CardStyles.Medium));
        var valueNotes = v.Values.Where(x => x.SelfNote is not null).Select(x => $"{BerAkhlak.IndonesianName(x.Value)}: {CardData.Cut(x.SelfNote, 120)}").ToList();
        if (valueNotes.Count > 0)
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.SelfBehaviour", string.Join(" · ", valueNotes)), isSubtle: true, spacing: CardStyles.Small));
        }

        card.Body.Add(new TextBlock(t.Format("Appraisal.Field.FeedbackCount", v.Feedback.Count)) { Weight = CardStyles.Bolder, Spacing = CardStyles.Medium });
        foreach (var f in v.Feedback.Take(3))
        {
            card.Body.Add(RichTextBlock.Plain($"{t.Date(f.Date)} · {CardData.Cut(f.FromName, 80)}: {CardData.Cut(f.Text, 200)}", isSubtle: true, spacing: CardStyles.Small));
        }
    }

    private static void AddRaterNotes(Texts t, AppraisalView v, AdaptiveCard card)
    {
        if (v.RaterNote is not null)
        {
            card.Body.Add(RichTextBlock.Plain(t.Format("Appraisal.Field.RaterNote", CardData.Cut(v.RaterNote, AppraisalService.MaxRaterNote)), spacing: CardStyles.Medium));
        }

        foreach (var value in v.Values.Where(x => x.RaterNote is not null))
        {
            card.Body.Add(new RichTextBlock
            {
                Spacing = CardStyles.Small,
                Inlines = [new TextRun { Text = BerAkhlak.IndonesianName(value.Value), Weight = CardStyles.Bolder }, new TextRun { Text = ": " + CardData.Cut(value.RaterNote, AppraisalService.MaxValueNote) }],
            });
        }
    }

    private static void AddDetailsAction(Texts t, AppraisalView v, AdaptiveCard card) =>
        card.Actions!.Add(new ExecuteAction { Verb = Verbs.AppraisalDetails, Title = t["Appraisal.Details.Button"], Data = Open(v.EmployeeId, v.Period) });

    private static List<CardElement> RatingInputs(Texts t, AppraisalView v, string noteLabel, bool withGuides)
    {
        var inputs = new List<CardElement>();
        if (v.UnitResult is { } unitResult && v.ProposedWorkResult is { } proposed)
        {
            inputs.Add(new TextBlock(t.Format("Appraisal.Rater.ProposedFromUnit", t["Appraisal.OrgResult." + unitResult.Result], CardData.Cut(unitResult.FromUnitName, 150), t["Appraisal.Rating." + proposed]))
                { IsSubtle = true });
        }

        inputs.AddRange(new List<CardElement>
        {
            RatingChoice(t, WorkResultInput, t["Appraisal.Field.WorkResult"], v.WorkResult ?? v.ProposedWorkResult),
            new TextInput { Id = RaterNoteInput, Label = noteLabel, IsMultiline = true, IsRequired = true, ErrorMessage = t["Appraisal.Rater.NoteRequired"], MaxLength = AppraisalService.MaxRaterNote, Value = CardData.Cut(v.RaterNote, AppraisalService.MaxRaterNote) },
            RatingChoice(t, BehaviourInput, t["Appraisal.Field.Behaviour"], v.Behaviour),
            new TextBlock(t["Appraisal.Rater.ValueNotes"]) { IsSubtle = true },
        });
        foreach (var value in v.Values)
        {
            inputs.Add(new TextInput
            {
                Id = RaterValuePrefix + BerAkhlak.Code(value.Value), Label = BerAkhlak.IndonesianName(value.Value), MaxLength = AppraisalService.MaxValueNote,
                Value = CardData.Cut(value.RaterNote, AppraisalService.MaxValueNote),
            });
            if (withGuides)
            {
                inputs.Add(Guides(t, value.Value));
            }
        }

        return inputs;
    }

    /// <summary>
    /// The value's three panduan perilaku under its input, small: behaviour is rated against these guides
    /// (PermenPANRB 6/2022), so they are where people write and rate, not only in the regulation.
    /// </summary>
    private static TextBlock Guides(Texts t, BerAkhlakValue value) =>
        new(string.Join(" · ", BerAkhlak.GuideCodes(value).Select(code => t["Appraisal.Guide." + code]))) { IsSubtle = true, Size = CardStyles.Small, Spacing = CardStyles.None };

    private static ChoiceSetInput RatingChoice(Texts t, string id, string label, Rating? value) => new()
    {
        Id = id, Label = label, IsRequired = true, ErrorMessage = t["Appraisal.Rater.RatingRequired"], Style = CardStyles.Expanded, Value = value?.ToString(),
        Choices = [.. new[] { Rating.AboveExpectation, Rating.MeetsExpectation, Rating.BelowExpectation }.Select(r => new Choice(t["Appraisal.Rating." + r], r.ToString()))],
    };

    private static FactSet IndicatorFacts(Texts t, AppraisalRhk rhk, int max) => new()
    {
        Facts = rhk.Indicators.Take(max).Select(i => new Fact(CardData.Cut(i.Text, 120), t.Format("Appraisal.Field.IndicatorValue",
            t.Number(i.InPeriod), Progress.FiguresText.Realised(t, i.YearToDate, i.Measure, i.Target, CardData.Cut(i.Unit, 30)), Progress.FiguresText.Achievement(t, i.Achievement, i.Measure.Direction)))).ToList(),
    };

    private static string Prefill(Texts t, AppraisalView v, AppraisalRhk rhk)
    {
        var lines = rhk.Indicators.Select(i => t.Format("Appraisal.Self.ProgressPrefill", CardData.Cut(i.Text, 150), t.Number(i.InPeriod), CardData.Cut(i.Unit, 40), t.Number(i.YearToDate), t.Number(i.Target))).ToList();
        lines.AddRange(rhk.Feedback.Take(2).Select(f => t.Format("Appraisal.Self.FeedbackPrefill", CardData.Cut(f, 200))));
        return string.Join("\n", lines);
    }

    internal static string StatusText(Texts t, AppraisalStatus? status, Predikat? predikat) =>
        status is null ? t["Appraisal.Status.None"]
        : predikat is { } p && status is AppraisalStatus.Finalized or AppraisalStatus.Acknowledged or AppraisalStatus.Objected
            ? t.Format("Appraisal.StatusWithPredikat", t["Appraisal.Status." + status], t["Appraisal.Predikat." + p])
            : t["Appraisal.Status." + status];

    private static string Percent(decimal share) => Math.Round(share * 100, 0).ToString(CultureInfo.InvariantCulture) + "%";

    private static JsonObject PeriodData(PerformancePeriod p) => new() { ["period"] = p.Code };

    private static JsonObject Open(int employeeId, PerformancePeriod p) => new() { ["employeeId"] = employeeId, ["period"] = p.Code };

    private static JsonObject Ref(AppraisalView v) => new() { ["employeeId"] = v.EmployeeId, ["period"] = v.Period.Code, ["appraisalId"] = v.Id, ["version"] = v.Version };
}

using KinerjaBot.Domain;
using KinerjaBot.Features.Reminders;

namespace KinerjaBot.Tests.Reminders;

public sealed class ReminderCalendarTests
{
    private static readonly WorkingCalendar Working = new(HolidayCalendar.LoadDefault());

    private static ReminderCalendar Calendar(Action<ReminderOptions>? configure = null)
    {
        var options = new ReminderOptions();
        configure?.Invoke(options);
        return new ReminderCalendar(Working, options);
    }

    private static DeadlineStage? Stage(ReminderCalendar calendar, DateOnly due, DateOnly on) =>
        calendar.StageOn(calendar.FeedbackDeadline(1, due), on);

    [Fact]
    public void StageOn_MondayDeadline_HMinus1IsTheFridayBefore()
    {
        var calendar = Calendar();
        var monday = new DateOnly(2026, 11, 30);

        Assert.Equal("H-1", Stage(calendar, monday, new DateOnly(2026, 11, 27))?.Label);
        Assert.Null(Stage(calendar, monday, new DateOnly(2026, 11, 28)));
        Assert.Null(Stage(calendar, monday, new DateOnly(2026, 11, 29)));
        Assert.Null(Stage(calendar, monday, new DateOnly(2026, 11, 26)));
        Assert.Equal("H", Stage(calendar, monday, monday)?.Label);
    }

    [Fact]
    public void StageOn_DeadlineAfterIdulFitriAndCutiBersama_CountsOnlyWorkingDays()
    {
        // 18 Mar cuti bersama, 19 Nyepi, 20 cuti bersama, 21–22 Idul Fitri, 23–24 cuti bersama (SKB 2026).
        var calendar = Calendar(o => o.FeedbackDue.Offsets = "H-3,H-1,H");
        var due = new DateOnly(2026, 3, 25);

        var stages = Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 3, 10).AddDays(i))
            .Select(d => (Date: d, Stage: Stage(calendar, due, d))).Where(x => x.Stage is not null)
            .ToDictionary(x => x.Date, x => x.Stage!.Label);

        Assert.Equal(new Dictionary<DateOnly, string>
        {
            [new DateOnly(2026, 3, 13)] = "H-3",
            [new DateOnly(2026, 3, 17)] = "H-1",
            [new DateOnly(2026, 3, 25)] = "H",
        }, stages);
    }

    [Fact]
    public void AnnualAppraisal2026_WithoutThe2027List_HMinus5LandsOnNewYearsDay()
    {
        // What the bot did with 2026 only: 1 January 2027 counted as a working day.
        var only2026 = HolidayCalendar.Create(HolidayCalendar.LoadDefault().Holidays.Where(h => h.Date.Year == 2026));
        var calendar = new ReminderCalendar(new WorkingCalendar(only2026), new ReminderOptions());

        var due = calendar.DueOf(ReminderRuleKind.AnnualAppraisal, PerformancePeriod.ForYear(2026));

        Assert.Equal(new DateOnly(2027, 1, 8), due);
        Assert.Equal(new DateOnly(2027, 1, 1), calendar.Working.AddWorkingDays(due, -5));
    }

    [Fact]
    public void AnnualAppraisal2026_WithTheShipped2027Dates_HMinus5IsTheLastDayOf2026()
    {
        var calendar = Calendar();

        var due = calendar.DueOf(ReminderRuleKind.AnnualAppraisal, PerformancePeriod.ForYear(2026));
        var hMinus5 = Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 12, 25).AddDays(i))
            .Single(d => calendar.StageOn(new Deadline(ReminderRuleKind.AnnualAppraisal, "2026", due, PerformancePeriod.ForYear(2026)), d)?.Label == "H-5");

        Assert.Equal(new DateOnly(2027, 1, 8), due);
        Assert.Equal(new DateOnly(2026, 12, 31), hMinus5);
        Assert.Empty(calendar.StagesOn(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void January2027Deadlines_WithTheSkbFile_ACutiBersamaMovesThemBack()
    {
        // A made-up SKB 2027 with cuti bersama on Friday 8 January and Friday 29 January.
        var skb = HolidayCalendar.Parse("""
            { "source": "SKB 2027 (test)", "holidays": [
                { "date": "2027-01-01", "kind": "national", "name": { "id": "Tahun Baru 2027 Masehi", "en": "New Year's Day" } },
                { "date": "2027-01-08", "kind": "collective", "name": { "id": "Cuti Bersama", "en": "Collective leave" } },
                { "date": "2027-01-29", "kind": "collective", "name": { "id": "Cuti Bersama", "en": "Collective leave" } }
            ] }
            """);
        var withSkb = new ReminderCalendar(new WorkingCalendar(HolidayCalendar.LoadDefault().With(skb)), new ReminderOptions());
        var shipped = Calendar();

        Assert.Equal(new DateOnly(2027, 1, 8), shipped.DueOf(ReminderRuleKind.AnnualAppraisal, PerformancePeriod.ForYear(2026)));
        Assert.Equal(new DateOnly(2027, 1, 7), withSkb.DueOf(ReminderRuleKind.AnnualAppraisal, PerformancePeriod.ForYear(2026)));
        Assert.Equal(new DateOnly(2027, 1, 29), shipped.DueOf(ReminderRuleKind.SkpPlanning, PerformancePeriod.ForYear(2027)));
        Assert.Equal(new DateOnly(2027, 1, 28), withSkb.DueOf(ReminderRuleKind.SkpPlanning, PerformancePeriod.ForYear(2027)));
    }

    [Fact]
    public void FeedbackDeadline_OnASunday_MovesBackToFriday()
    {
        var deadline = Calendar().FeedbackDeadline(7, new DateOnly(2026, 11, 29));

        Assert.Equal(new DateOnly(2026, 11, 27), deadline.Due);
    }

    [Fact]
    public void DueOf_Defaults_FollowTheDeadlineCalendar()
    {
        var calendar = Calendar();

        // Realisasi of November: 5 December is a Saturday, so Friday the 4th.
        Assert.Equal(new DateOnly(2026, 12, 4), calendar.DueOf(ReminderRuleKind.MonthlyRealisation, PerformancePeriod.Month(2026, 11)));
        // SKP 2027: the last working day of January 2027 (the 31st is a Sunday).
        Assert.Equal(new DateOnly(2027, 1, 29), calendar.DueOf(ReminderRuleKind.SkpPlanning, PerformancePeriod.ForYear(2027)));
        // Annual appraisal 2026: by 10 January 2027, a Sunday, so Friday the 8th.
        Assert.Equal(new DateOnly(2027, 1, 8), calendar.DueOf(ReminderRuleKind.AnnualAppraisal, PerformancePeriod.ForYear(2026)));
        // Triwulan I 2026: 10 April is a Friday (3 April Good Friday is elsewhere).
        Assert.Equal(new DateOnly(2026, 4, 10), calendar.DueOf(ReminderRuleKind.QuarterlyEvaluation, PerformancePeriod.Quarter(2026, 1)));
    }

    [Fact]
    public void StagesOn_QuarterFour_IsLeftToTheAnnualAppraisal()
    {
        var calendar = Calendar();
        var stages = Enumerable.Range(0, 40).Select(i => new DateOnly(2027, 1, 1).AddDays(i)).SelectMany(calendar.StagesOn).ToList();

        Assert.DoesNotContain(stages, s => s.Deadline.Rule == ReminderRuleKind.QuarterlyEvaluation && s.Deadline.Occurrence == "2026-Q4");
        Assert.Contains(stages, s => s.Deadline.Rule == ReminderRuleKind.AnnualAppraisal && s.Deadline.Occurrence == "2026" && s.Label == "H");
        Assert.Contains(stages, s => s.Deadline.Rule == ReminderRuleKind.SkpPlanning && s.Deadline.Occurrence == "2027" && s.Label == "H+1");
    }

    [Fact]
    public void StagesOn_Weekend_HasNothing()
    {
        Assert.Empty(Calendar().StagesOn(new DateOnly(2026, 11, 28)));
        Assert.Empty(Calendar().StagesOn(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void SnoozeDate_OnFridayBeforeChristmasLeave_IsTheNextWorkingDay()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), Calendar().SnoozeDate(new DateOnly(2026, 11, 27)));
        // 24 Dec cuti bersama, 25 Dec Christmas, then the weekend.
        Assert.Equal(new DateOnly(2026, 12, 28), Calendar().SnoozeDate(new DateOnly(2026, 12, 23)));
    }

    [Theory]
    [InlineData("H-3, H-1, H", true, new[] { 0, 1, 3 })]
    [InlineData("h-1", true, new[] { 1 })]
    [InlineData("", true, new int[0])]
    [InlineData("H+1,H+3", false, new[] { 1, 3 })]
    public void Offsets_Parse_Valid(string text, bool before, int[] expected) =>
        Assert.Equal(expected, ReminderOffsets.Parse(text, before));

    [Theory]
    [InlineData("H+1", true)]
    [InlineData("H-0", true)]
    [InlineData("H-61", true)]
    [InlineData("besok", true)]
    [InlineData("H", false)]
    public void Offsets_Parse_Invalid_Throws(string text, bool before) =>
        Assert.Throws<FormatException>(() => ReminderOffsets.Parse(text, before));

    [Fact]
    public void Validator_SendTimeInQuietHoursOrBadOffsets_Fails()
    {
        var options = new ReminderOptions();
        options.DailyProgress.SendTime = new TimeOnly(20, 0);
        options.MonthlyRealisation.Offsets = "H+2";
        options.Graph.BaseUrl = "http://graph.example.org/v1.0";

        var result = new ReminderOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("DailyProgress:SendTime", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MonthlyRealisation", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Graph:BaseUrl", StringComparison.Ordinal));
        Assert.True(new ReminderOptionsValidator().Validate(null, new ReminderOptions()).Succeeded);
    }
}

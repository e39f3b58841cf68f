using System.Globalization;
using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new(HolidayCalendar.LoadDefault());

    // DOMAIN.md §7, typed out again so that a wrong or missing line in holidays.json fails here.
    public static TheoryData<string, HolidayKind> Skb2026 => new()
    {
        { "2026-01-01", HolidayKind.National },
        { "2026-01-16", HolidayKind.National },
        { "2026-02-16", HolidayKind.Collective },
        { "2026-02-17", HolidayKind.National },
        { "2026-03-18", HolidayKind.Collective },
        { "2026-03-19", HolidayKind.National },
        { "2026-03-20", HolidayKind.Collective },
        { "2026-03-21", HolidayKind.National },
        { "2026-03-22", HolidayKind.National },
        { "2026-03-23", HolidayKind.Collective },
        { "2026-03-24", HolidayKind.Collective },
        { "2026-04-03", HolidayKind.National },
        { "2026-04-05", HolidayKind.National },
        { "2026-05-01", HolidayKind.National },
        { "2026-05-14", HolidayKind.National },
        { "2026-05-15", HolidayKind.Collective },
        { "2026-05-27", HolidayKind.National },
        { "2026-05-28", HolidayKind.Collective },
        { "2026-05-31", HolidayKind.National },
        { "2026-06-01", HolidayKind.National },
        { "2026-06-16", HolidayKind.National },
        { "2026-08-17", HolidayKind.National },
        { "2026-08-25", HolidayKind.National },
        { "2026-12-24", HolidayKind.Collective },
        { "2026-12-25", HolidayKind.National },
    };

    [Theory]
    [MemberData(nameof(Skb2026))]
    public void IsWorkingDay_2026HolidayOrCutiBersama_IsFalse(string date, HolidayKind kind)
    {
        var day = D(date);

        Assert.False(Calendar.IsWorkingDay(day));
        Assert.Equal(kind, HolidayCalendar.LoadDefault().Find(day)?.Kind);
    }

    [Fact]
    public void HolidayFile_HoldsExactlyTheSkbDates()
    {
        Assert.Equal(
            Skb2026.Select(row => D((string)row[0])),
            HolidayCalendar.LoadDefault().Holidays.Where(h => h.Date.Year == 2026).Select(h => h.Date));
    }

    [Fact]
    public void IsWorkingDay_2026_IsEveryWeekdayThatIsNotOnTheList()
    {
        var listed = Skb2026.Select(row => D((string)row[0])).ToHashSet();
        var working = 0;
        for (var day = D("2026-01-01"); day.Year == 2026; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            Assert.Equal(!weekend && !listed.Contains(day), Calendar.IsWorkingDay(day));
            working += Calendar.IsWorkingDay(day) ? 1 : 0;
        }

        // 261 weekdays in 2026, less the 21 listed days that fall on a weekday.
        Assert.Equal(240, working);
    }

    [Theory]
    [InlineData("2026-03-07")]
    [InlineData("2026-03-08")]
    [InlineData("2027-01-02")]
    public void IsWorkingDay_Weekend_IsFalse(string date)
    {
        Assert.False(Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void IsWorkingDay_WithoutHolidays_IsMondayToFriday()
    {
        var plain = new WorkingCalendar(HolidayCalendar.Empty);

        Assert.True(plain.IsWorkingDay(D("2026-01-01")));
        Assert.True(plain.IsWorkingDay(D("2026-01-02")));
        Assert.False(plain.IsWorkingDay(D("2026-01-03")));
        Assert.False(plain.IsWorkingDay(D("2026-01-04")));
    }

    [Theory]
    // Monday 23 March is cuti bersama itself; 17 March is the last working day before the Lebaran block.
    [InlineData("2026-03-23", -1, "2026-03-17")]
    [InlineData("2026-03-23", -3, "2026-03-13")]
    [InlineData("2026-03-25", -1, "2026-03-17")]
    [InlineData("2026-03-17", 1, "2026-03-25")]
    // Monday after Isra Mikraj on Friday 16 January.
    [InlineData("2026-01-19", -1, "2026-01-15")]
    [InlineData("2026-01-19", -3, "2026-01-13")]
    // Friday 29 May after Idul Adha (27th) and its cuti bersama (28th).
    [InlineData("2026-05-29", -1, "2026-05-26")]
    [InlineData("2026-05-29", -3, "2026-05-22")]
    // An ordinary week: H-1 before a Monday is the Friday.
    [InlineData("2026-07-13", -1, "2026-07-10")]
    [InlineData("2026-07-15", -3, "2026-07-10")]
    [InlineData("2025-12-31", 1, "2026-01-02")]
    [InlineData("2026-07-10", 1, "2026-07-13")]
    [InlineData("2026-07-10", 5, "2026-07-17")]
    [InlineData("2026-07-11", 0, "2026-07-11")]
    [InlineData("2026-07-11", -1, "2026-07-10")]
    [InlineData("2026-07-11", 1, "2026-07-13")]
    public void AddWorkingDays_SkipsWeekendsHolidaysAndCutiBersama(string from, int n, string expected)
    {
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), n));
    }

    [Theory]
    [InlineData("2026-03-17", "2026-03-25")]
    [InlineData("2026-07-10", "2026-07-13")]
    [InlineData("2026-07-11", "2026-07-13")]
    [InlineData("2026-12-23", "2026-12-28")]
    public void NextWorkingDay_IsStrictlyAfter(string date, string expected)
    {
        Assert.Equal(D(expected), Calendar.NextWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2026-03-18", "2026-03-25")]
    [InlineData("2026-03-17", "2026-03-17")]
    public void NextWorkingDayOnOrAfter_KeepsAWorkingDay(string date, string expected)
    {
        Assert.Equal(D(expected), Calendar.NextWorkingDayOnOrAfter(D(date)));
    }

    [Theory]
    [InlineData("2026-03-24", "2026-03-17")]
    [InlineData("2026-03-17", "2026-03-17")]
    [InlineData("2026-08-17", "2026-08-14")]
    [InlineData("2026-01-04", "2026-01-02")]
    public void PreviousWorkingDayOnOrBefore_MovesBackOnlyFromDaysOff(string date, string expected)
    {
        Assert.Equal(D(expected), Calendar.PreviousWorkingDayOnOrBefore(D(date)));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-31", 17)]
    [InlineData("2026-03-31", "2026-03-01", -17)]
    [InlineData("2026-03-17", "2026-03-25", 1)]
    [InlineData("2026-07-09", "2026-07-13", 2)]
    [InlineData("2026-07-13", "2026-07-13", 0)]
    [InlineData("2026-07-11", "2026-07-12", 0)]
    [InlineData("2025-12-31", "2026-12-31", 240)]
    public void WorkingDaysBetween_CountsAfterStartUpToEnd(string a, string b, int expected)
    {
        Assert.Equal(expected, Calendar.WorkingDaysBetween(D(a), D(b)));
    }

    [Fact]
    public void WorkingDaysBetween_IsTheInverseOfAddWorkingDays_ForWorkingDays()
    {
        var workingDays = Enumerable.Range(0, 120).Select(i => D("2026-02-01").AddDays(i)).Where(Calendar.IsWorkingDay).ToList();

        foreach (var a in workingDays)
        {
            foreach (var b in workingDays)
            {
                var between = Calendar.WorkingDaysBetween(a, b);
                Assert.Equal(b, Calendar.AddWorkingDays(a, between));
                Assert.Equal(-between, Calendar.WorkingDaysBetween(b, a));
            }
        }
    }

    [Fact]
    public void AddWorkingDays_AlwaysLandsOnAWorkingDay()
    {
        for (var day = D("2026-01-01"); day.Year == 2026; day = day.AddDays(1))
        {
            foreach (var n in new[] { -3, -1, 1, 3 })
            {
                var result = Calendar.AddWorkingDays(day, n);
                Assert.True(Calendar.IsWorkingDay(result));
                Assert.Equal(Math.Sign(n), Math.Sign(result.DayNumber - day.DayNumber));
            }
        }
    }

    [Fact]
    public void Constructor_NullCalendar_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new WorkingCalendar((HolidayCalendar)null!));
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

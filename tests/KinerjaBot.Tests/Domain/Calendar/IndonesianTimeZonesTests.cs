using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Calendar;

public class IndonesianTimeZonesTests
{
    private static readonly DateOnly Day = new(2026, 3, 17);

    [Theory]
    [InlineData(IndonesianTimeZones.Wib, 9)]
    [InlineData(IndonesianTimeZones.Wita, 8)]
    [InlineData(IndonesianTimeZones.Wit, 7)]
    [InlineData("Asia/Pontianak", 9)]
    public void ToUtc_FourPmLocal_IsTheExpectedUtcHour(string ianaId, int utcHour)
    {
        var expected = new DateTimeOffset(2026, 3, 17, utcHour, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, IndonesianTimeZones.ToUtc(Day, new TimeOnly(16, 0), IndonesianTimeZones.Resolve(ianaId)));
        Assert.Equal(TimeSpan.Zero, IndonesianTimeZones.ToUtc(Day, new TimeOnly(16, 0), IndonesianTimeZones.Resolve(ianaId)).Offset);
    }

    [Theory]
    [InlineData(IndonesianTimeZones.Wib)]
    [InlineData(IndonesianTimeZones.Wita)]
    [InlineData(IndonesianTimeZones.Wit)]
    public void FixedOffsetZone_WithoutTzdata_GivesTheSameInstants(string ianaId)
    {
        var system = IndonesianTimeZones.Resolve(ianaId);
        var builtIn = IndonesianTimeZones.FixedOffsetZone(ianaId);

        Assert.Equal(
            IndonesianTimeZones.ToUtc(Day, new TimeOnly(16, 0), system),
            IndonesianTimeZones.ToUtc(Day, new TimeOnly(16, 0), builtIn));
        Assert.Equal(IndonesianTimeZones.Abbreviation(system), IndonesianTimeZones.Abbreviation(builtIn));
        Assert.Equal(ianaId, builtIn.Id);
    }

    [Theory]
    // 23:30 UTC is already the next morning everywhere in Indonesia.
    [InlineData("2026-03-17T23:30:00Z", IndonesianTimeZones.Wit, "2026-03-18")]
    [InlineData("2026-03-17T23:30:00Z", IndonesianTimeZones.Wita, "2026-03-18")]
    [InlineData("2026-03-17T23:30:00Z", IndonesianTimeZones.Wib, "2026-03-18")]
    // Local midnight: 17:00 UTC in WIB, 16:00 in WITA, 15:00 in WIT.
    [InlineData("2026-03-17T16:59:59Z", IndonesianTimeZones.Wib, "2026-03-17")]
    [InlineData("2026-03-17T17:00:00Z", IndonesianTimeZones.Wib, "2026-03-18")]
    [InlineData("2026-03-17T15:59:59Z", IndonesianTimeZones.Wita, "2026-03-17")]
    [InlineData("2026-03-17T16:00:00Z", IndonesianTimeZones.Wita, "2026-03-18")]
    [InlineData("2026-03-17T14:59:59Z", IndonesianTimeZones.Wit, "2026-03-17")]
    [InlineData("2026-03-17T15:00:00Z", IndonesianTimeZones.Wit, "2026-03-18")]
    [InlineData("2026-12-31T16:30:00Z", IndonesianTimeZones.Wib, "2026-12-31")]
    [InlineData("2026-12-31T17:30:00Z", IndonesianTimeZones.Wib, "2027-01-01")]
    public void LocalDate_AcrossMidnight(string utc, string ianaId, string expected)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            IndonesianTimeZones.LocalDate(now, IndonesianTimeZones.Resolve(ianaId)));
    }

    [Fact]
    public void LocalDate_IgnoresTheOffsetTheInstantIsWrittenIn()
    {
        var sameInstant = new DateTimeOffset(2026, 3, 18, 8, 30, 0, TimeSpan.FromHours(9));

        Assert.Equal(new DateOnly(2026, 3, 18), IndonesianTimeZones.LocalDate(sameInstant, IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib)));
        Assert.Equal(new DateOnly(2026, 3, 17), IndonesianTimeZones.LocalDate(sameInstant, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    public void Resolve_MissingOrUnknown_FallsBackToJakarta(string? ianaId)
    {
        var zone = IndonesianTimeZones.Resolve(ianaId);

        Assert.Equal(IndonesianTimeZones.Wib, zone.Id);
        Assert.Equal(TimeSpan.FromHours(7), zone.BaseUtcOffset);
    }

    [Theory]
    [InlineData(IndonesianTimeZones.Wib, "WIB")]
    [InlineData("Asia/Pontianak", "WIB")]
    [InlineData(IndonesianTimeZones.Wita, "WITA")]
    [InlineData(IndonesianTimeZones.Wit, "WIT")]
    [InlineData(" Asia/Makassar ", "WITA")]
    public void Abbreviation_IndonesianZones(string ianaId, string expected)
    {
        Assert.Equal(expected, IndonesianTimeZones.Abbreviation(IndonesianTimeZones.Resolve(ianaId)));
    }

    [Theory]
    [InlineData(0, 0, "UTC")]
    [InlineData(10, 0, "UTC+10")]
    [InlineData(5, 30, "UTC+5:30")]
    [InlineData(-3, 0, "UTC-3")]
    [InlineData(-9, -30, "UTC-9:30")]
    public void Abbreviation_OtherZones_IsOffsetText(int hours, int minutes, string expected)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Zone", new TimeSpan(hours, minutes, 0), "Test", "Test");

        Assert.Equal(expected, IndonesianTimeZones.Abbreviation(zone));
    }

    [Fact]
    public void Abbreviation_AtAnInstant_UsesTheOffsetInForce()
    {
        var zone = DaylightSavingZone();

        Assert.Equal("UTC+1", IndonesianTimeZones.Abbreviation(zone, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("UTC+2", IndonesianTimeZones.Abbreviation(zone, new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("WITA", IndonesianTimeZones.Abbreviation(IndonesianTimeZones.Resolve(IndonesianTimeZones.Wita), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void ToUtc_SkippedLocalTime_LandsJustAfterTheChange()
    {
        // Clocks go from 02:00 to 03:00 on 29 March 2026 in the test zone; 02:30 does not exist.
        var utc = IndonesianTimeZones.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), DaylightSavingZone());

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void ToUtc_RepeatedLocalTime_IsTheFirstOccurrence()
    {
        // Clocks go from 03:00 back to 02:00 on 25 October 2026; 02:30 happens twice, first at UTC+2.
        var utc = IndonesianTimeZones.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), DaylightSavingZone());

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void ToUtc_ThenLocalDate_RoundTripsEveryDayOf2026()
    {
        foreach (var id in new[] { IndonesianTimeZones.Wib, IndonesianTimeZones.Wita, IndonesianTimeZones.Wit })
        {
            var zone = IndonesianTimeZones.Resolve(id);
            for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            {
                Assert.Equal(day, IndonesianTimeZones.LocalDate(IndonesianTimeZones.ToUtc(day, TimeOnly.MinValue, zone), zone));
                Assert.Equal(day, IndonesianTimeZones.LocalDate(IndonesianTimeZones.ToUtc(day, new TimeOnly(23, 59, 59), zone), zone));
            }
        }
    }

    private static TimeZoneInfo DaylightSavingZone()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date,
            DateTime.MaxValue.Date,
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Test/Summer", TimeSpan.FromHours(1), "Test", "Test", "Test Summer", [rule]);
    }
}

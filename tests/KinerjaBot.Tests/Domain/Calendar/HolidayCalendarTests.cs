using System.Text;
using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Calendar;

public class HolidayCalendarTests
{
    [Fact]
    public void LoadDefault_Holds2026Skb_17NationalAnd8Collective()
    {
        var calendar = HolidayCalendar.LoadDefault();
        var skb2026 = calendar.Holidays.Where(h => h.Date.Year == 2026).ToList();

        Assert.Equal([2026, 2027], calendar.Years);
        Assert.Equal(17, skb2026.Count(h => h.Kind == HolidayKind.National));
        Assert.Equal(8, skb2026.Count(h => h.Kind == HolidayKind.Collective));
        Assert.DoesNotContain(skb2026, h => h.Provisional);
        Assert.Equal(HolidayYearStatus.Official, calendar.StatusOf(2026));
        Assert.Equal(calendar.Holidays.OrderBy(h => h.Date), calendar.Holidays);
        Assert.All(calendar.Holidays, h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.IndonesianName));
            Assert.False(string.IsNullOrWhiteSpace(h.EnglishName));
        });
    }

    [Fact]
    public void LoadDefault_2027_FixedDatesCertain_MovingOnesProvisional_NoCutiBersama()
    {
        var calendar = HolidayCalendar.LoadDefault();
        var y2027 = calendar.Holidays.Where(h => h.Date.Year == 2027).ToList();

        // The five fixed-date holidays are certain whatever the SKB says.
        Assert.Equal(
            [new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 1), new DateOnly(2027, 6, 1), new DateOnly(2027, 8, 17), new DateOnly(2027, 12, 25)],
            y2027.Where(h => !h.Provisional).Select(h => h.Date));
        // Moving holidays are worked out ahead and marked provisional, each with where it comes from.
        Assert.Equal(
            [new DateOnly(2027, 2, 6), new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 11), new DateOnly(2027, 3, 26), new DateOnly(2027, 3, 28), new DateOnly(2027, 5, 6), new DateOnly(2027, 5, 17)],
            y2027.Where(h => h.Provisional).Select(h => h.Date));
        Assert.All(y2027, h => Assert.False(string.IsNullOrWhiteSpace(h.Source)));
        Assert.DoesNotContain(y2027, h => h.Kind == HolidayKind.Collective);
        Assert.Equal(HolidayYearStatus.Provisional, calendar.StatusOf(2027));
        Assert.Equal(HolidayYearStatus.Missing, calendar.StatusOf(2028));
    }

    [Fact]
    public void Uncovered_NamesTheYearsOfTheStretchWithoutAnOfficialList()
    {
        var calendar = HolidayCalendar.LoadDefault();

        Assert.Empty(calendar.Uncovered(new DateOnly(2026, 10, 1), 60));
        Assert.Equal([(2027, HolidayYearStatus.Provisional)], calendar.Uncovered(new DateOnly(2026, 12, 4), 60));
        Assert.Equal([(2027, HolidayYearStatus.Provisional), (2028, HolidayYearStatus.Missing)], calendar.Uncovered(new DateOnly(2027, 12, 1), 60));
    }

    [Fact]
    public void With_ReplacesOnlyTheYearsTheNewFileLists()
    {
        var skb2027 = HolidayCalendar.Parse("""
            { "holidays": [
                { "date": "2027-01-01", "kind": "national", "name": { "id": "Tahun Baru 2027 Masehi", "en": "New Year's Day 2027" } },
                { "date": "2027-01-08", "kind": "collective", "name": { "id": "Cuti Bersama", "en": "Collective leave" } }
            ] }
            """);

        var merged = HolidayCalendar.LoadDefault().With(skb2027);

        Assert.Equal(HolidayYearStatus.Official, merged.StatusOf(2027));
        Assert.True(merged.IsHoliday(new DateOnly(2027, 1, 8)));
        Assert.False(merged.IsHoliday(new DateOnly(2027, 3, 10)));
        Assert.Equal(25, merged.Holidays.Count(h => h.Date.Year == 2026));
    }

    [Fact]
    public void Parse_ProvisionalAndEntrySource_AreKept()
    {
        var calendar = HolidayCalendar.Parse("""
            { "holidays": [ { "date": "2027-03-10", "kind": "national", "name": { "id": "Idul Fitri", "en": "Eid" }, "provisional": true, "source": "hisab" } ] }
            """, "h.json", out var decree);

        Assert.Null(decree);
        Assert.Equal(new Holiday(new DateOnly(2027, 3, 10), HolidayKind.National, "Idul Fitri", "Eid", true, "hisab"), Assert.Single(calendar.Holidays));
    }

    [Fact]
    public void Parse_ProvisionalNotABoolean_NamesTheEntry()
    {
        var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendar.Parse("""
            { "holidays": [ { "date": "2027-03-10", "kind": "national", "name": { "id": "a", "en": "b" }, "provisional": "yes" } ] }
            """, "h.json"));

        Assert.Equal("h.json: entry 1 (line 1): \"provisional\" must be true or false.", ex.Message);
    }

    [Fact]
    public void Find_ReturnsTheEntry_OrNullOnAWorkingDay()
    {
        var calendar = HolidayCalendar.LoadDefault();

        var independence = calendar.Find(new DateOnly(2026, 8, 17));
        Assert.NotNull(independence);
        Assert.Equal(HolidayKind.National, independence.Kind);
        Assert.Equal("Indonesian Independence Day", independence.EnglishName);
        Assert.Null(calendar.Find(new DateOnly(2026, 8, 18)));
        Assert.False(calendar.IsHoliday(new DateOnly(2026, 8, 18)));
    }

    [Fact]
    public void Parse_MinimalFile_WithBomAndSource()
    {
        var json = "\uFEFF" + """
            {
              "source": "test",
              "holidays": [
                { "date": "2027-01-01", "kind": "national", "name": { "id": "Tahun Baru", "en": "New Year" } },
                { "date": "2026-12-24", "kind": "collective", "name": { "en": "Leave", "id": "Cuti Bersama" } }
              ]
            }
            """;

        var calendar = HolidayCalendar.Parse(json);

        Assert.Equal([2026, 2027], calendar.Years);
        Assert.Equal(new Holiday(new DateOnly(2026, 12, 24), HolidayKind.Collective, "Cuti Bersama", "Leave"), calendar.Holidays[0]);
    }

    [Fact]
    public void Parse_EmptyList_GivesAnEmptyCalendar()
    {
        var calendar = HolidayCalendar.Parse("""{ "holidays": [] }""");

        Assert.Empty(calendar.Holidays);
        Assert.Empty(calendar.Years);
    }

    public static TheoryData<string, string, int?, int?> MalformedFiles => new()
    {
        { "", "line 1", 1, null },
        { "{ \"holidays\": [ }", "not valid JSON", 1, null },
        { "{ \"holidays\": [] }\n,", "line 2", 2, null },
        { "[]", "must hold a JSON object", 1, null },
        { "{ }", "\"holidays\" array is missing", 1, null },
        { "{ \"holidays\": [],\n  \"year\": 2026 }", "line 2: unknown property \"year\"", 2, null },
        { "{ \"holidays\": [], \"holidays\": [] }", "appears twice", 1, null },
        { "{ \"holidays\": {} }", "must be an array", 1, null },
        { "{ \"source\": 5, \"holidays\": [] }", "\"source\" must be a non-empty string", 1, null },
        { Entries(Good, "\"oops\""), "entry 2 (line 4): must be an object", 4, 2 },
        { Entries(Good, """{ "date": "2026-02-30", "kind": "national", "name": { "id": "a", "en": "b" } }"""), "entry 2 (line 4): \"date\" must be a real date written yyyy-MM-dd, not \"2026-02-30\"", 4, 2 },
        { Entries(Good, """{ "date": "17-08-2026", "kind": "national", "name": { "id": "a", "en": "b" } }"""), "not \"17-08-2026\"", 4, 2 },
        { Entries(Good, """{ "date": 20260817, "kind": "national", "name": { "id": "a", "en": "b" } }"""), "\"date\" must be a non-empty string", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "libur", "name": { "id": "a", "en": "b" } }"""), "entry 2 (line 4): \"kind\" must be \"national\" (libur nasional) or \"collective\" (cuti bersama), not \"libur\"", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national" }"""), "entry 2 (line 4): \"name\" is missing", 4, 2 },
        { Entries(Good, """{ "kind": "national", "name": { "id": "a", "en": "b" } }"""), "\"date\" is missing", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "name": { "id": "a", "en": "b" } }"""), "\"kind\" is missing", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "name": { "id": "a" } }"""), "\"name.en\" is missing", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "name": { "id": " ", "en": "b" } }"""), "\"name.id\" must be a non-empty string", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "name": { "id": "a", "en": "b", "fr": "c" } }"""), "unknown language \"fr\"", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "name": { "id": "a", "id": "b", "en": "c" } }"""), "\"name.id\" appears twice", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "name": "Hari Kemerdekaan" }"""), "\"name\" must be an object", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "kind": "national", "nmae": { "id": "a", "en": "b" } }"""), "unknown property \"nmae\"", 4, 2 },
        { Entries(Good, """{ "date": "2026-08-17", "date": "2026-08-18", "kind": "national", "name": { "id": "a", "en": "b" } }"""), "\"date\" appears twice", 4, 2 },
        { Entries(Good, Good), "entry 2 (line 4): 2026-01-01 is already listed as entry 1", 4, 2 },
        { Entries(Good + " // comments are not JSON"), "line 3, column", 3, null },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Parse_MalformedFile_ThrowsWithPlaceAndReason(string json, string expectedFragment, int? line, int? entry)
    {
        var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendar.Parse(json, "test.json"));

        Assert.StartsWith("test.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.LineNumber);
        Assert.Equal(entry, ex.EntryNumber);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsOneBasedPositionAndKeepsTheCause()
    {
        var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendar.Parse("{\n  \"holidays\": [\n    x\n  ]\n}", "h.json"));

        Assert.StartsWith("h.json: line 3, column 5: not valid JSON (", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public void Load_MissingFile_ThrowsHolidayCalendarException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kinerjabot-{Guid.NewGuid():N}", "holidays.json");

        var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendar.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kinerjabot-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Entries(Good, """{ "date": "2026-13-01", "kind": "national", "name": { "id": "a", "en": "b" } }"""), Encoding.UTF8);
        try
        {
            var ex = Assert.Throws<HolidayCalendarException>(() => HolidayCalendar.Load(path));

            Assert.StartsWith($"{path}: entry 2 (line 4): ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Create_DuplicateDate_Throws()
    {
        var day = new DateOnly(2026, 1, 1);

        Assert.Throws<ArgumentException>(() => HolidayCalendar.Create(
            [new Holiday(day, HolidayKind.National, "a", "b"), new Holiday(day, HolidayKind.Collective, "c", "d")]));
    }

    [Fact]
    public void Empty_HasNoHolidays()
    {
        Assert.False(HolidayCalendar.Empty.IsHoliday(new DateOnly(2026, 1, 1)));
        Assert.Empty(HolidayCalendar.Empty.Years);
    }

    private const string Good = """{ "date": "2026-01-01", "kind": "national", "name": { "id": "Tahun Baru", "en": "New Year" } }""";

    // Entry n sits on line n + 2, so expected line numbers are easy to read off.
    private static string Entries(params string[] entries) =>
        "{\n  \"holidays\": [\n    " + string.Join(",\n    ", entries) + "\n  ]\n}";
}

namespace KinerjaBot.Domain;

/// <summary>The days off of the SKB 3 Menteri lists, loaded from a file an administrator can update.</summary>
public sealed class HolidayCalendar
{
    /// <summary>Where the shipped file lands in the output, relative to <see cref="AppContext.BaseDirectory"/>.</summary>
    public static readonly string DefaultRelativePath = Path.Combine("Domain", "Calendar", "holidays.json");

    private readonly Dictionary<DateOnly, Holiday> byDate;

    private HolidayCalendar(Dictionary<DateOnly, Holiday> byDate)
    {
        this.byDate = byDate;
        Holidays = [.. byDate.Values.OrderBy(h => h.Date)];
        Years = [.. byDate.Keys.Select(d => d.Year).Distinct().Order()];
    }

    /// <summary>A calendar without holidays: every weekday is worked.</summary>
    public static HolidayCalendar Empty { get; } = new([]);

    /// <summary>Every holiday, in date order.</summary>
    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>The years the calendar has holidays for, ascending; a year missing here was never loaded.</summary>
    public IReadOnlyCollection<int> Years { get; }

    /// <exception cref="ArgumentException">Two holidays share a date.</exception>
    public static HolidayCalendar Create(IEnumerable<Holiday> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var byDate = new Dictionary<DateOnly, Holiday>();
        foreach (var holiday in holidays)
        {
            ArgumentNullException.ThrowIfNull(holiday, nameof(holidays));
            if (!byDate.TryAdd(holiday.Date, holiday))
            {
                throw new ArgumentException($"{holiday.Date:O} is listed twice.", nameof(holidays));
            }
        }

        return new HolidayCalendar(byDate);
    }

    /// <exception cref="HolidayCalendarException">The file is missing, unreadable or malformed.</exception>
    public static HolidayCalendar Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new HolidayCalendarException($"{path}: the holiday file does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HolidayCalendarException($"{path}: the holiday file cannot be read ({ex.Message}).", ex);
        }

        return Create(HolidayFileReader.Read(content, path));
    }

    /// <summary>Loads the file shipped with the app.</summary>
    /// <exception cref="HolidayCalendarException">The file is missing, unreadable or malformed.</exception>
    public static HolidayCalendar LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, DefaultRelativePath));

    /// <summary>Reads holiday-file content, e.g. to validate an upload before saving it.</summary>
    /// <param name="json">The content.</param>
    /// <param name="sourceName">How error messages name the content.</param>
    /// <exception cref="HolidayCalendarException">The content is malformed.</exception>
    public static HolidayCalendar Parse(string json, string sourceName = "holidays.json") => Parse(json, sourceName, out _);

    /// <summary>Reads holiday-file content and the decree it names in its "source".</summary>
    /// <exception cref="HolidayCalendarException">The content is malformed.</exception>
    public static HolidayCalendar Parse(string json, string sourceName, out string? decree)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Create(HolidayFileReader.Read(System.Text.Encoding.UTF8.GetBytes(json), sourceName, out decree));
    }

    public bool IsHoliday(DateOnly date) => byDate.ContainsKey(date);

    /// <summary>Whether the year's days off are all decreed, some still provisional, or not loaded at all.</summary>
    public HolidayYearStatus StatusOf(int year)
    {
        var days = byDate.Values.Where(h => h.Date.Year == year).ToList();
        return days.Count == 0 ? HolidayYearStatus.Missing
            : days.Any(h => h.Provisional) ? HolidayYearStatus.Provisional
            : HolidayYearStatus.Official;
    }

    /// <summary>
    /// The years touched by the <paramref name="days"/> days from <paramref name="from"/> on whose list is not
    /// official: deadlines counted in them may land on a day off. Empty when the calendar covers the stretch.
    /// </summary>
    public IReadOnlyList<(int Year, HolidayYearStatus Status)> Uncovered(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var uncovered = new List<(int, HolidayYearStatus)>();
        for (var year = from.Year; year <= from.AddDays(days).Year; year++)
        {
            if (StatusOf(year) is not HolidayYearStatus.Official and var status)
            {
                uncovered.Add((year, status));
            }
        }

        return uncovered;
    }

    /// <summary>This calendar with every year <paramref name="replacement"/> has replaced by its list (an SKB loaded later wins).</summary>
    public HolidayCalendar With(HolidayCalendar replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var replaced = replacement.Years.ToHashSet();
        return Create(Holidays.Where(h => !replaced.Contains(h.Date.Year)).Concat(replacement.Holidays));
    }

    public Holiday? Find(DateOnly date) => byDate.GetValueOrDefault(date);
}

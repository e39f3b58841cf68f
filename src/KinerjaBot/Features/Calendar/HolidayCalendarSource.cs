using System.Globalization;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Features.Calendar;

/// <summary>
/// The holiday list in force: the shipped file, with each year an administrator loaded replaced by the latest
/// file for it. Files live in the database, so every instance rebuilds the same list when it next refreshes
/// (on each planner tick) and the instance that took the upload at once; nothing needs a restart.
/// </summary>
public sealed partial class HolidayCalendarSource(HolidayCalendar shipped, ILogger<HolidayCalendarSource> logger)
{
    /// <summary>How far ahead the calendar must be official before the bot warns: the reach of the longest offsets.</summary>
    public const int CoverageDays = 60;

    private readonly Lock gate = new();
    private readonly HolidayCalendar shippedList = shipped;
    private volatile HolidayCalendar current = shipped;
    private int appliedUpTo;
    private DateOnly lastWarned;

    public HolidayCalendar Current => current;

    /// <summary>Rebuilds the list if a file was loaded since the last look (files are only ever added).</summary>
    public async Task RefreshAsync(KinerjaDbContext db, CancellationToken ct)
    {
        var newest = await db.HolidayFiles.MaxAsync(f => (int?)f.Id, ct) ?? 0;
        if (newest == appliedUpTo)
        {
            return;
        }

        var files = await db.HolidayFiles.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct);
        Apply(files);
    }

    /// <summary>The years of <paramref name="date"/>'s next <see cref="CoverageDays"/> days whose list is not official.</summary>
    public IReadOnlyList<(int Year, HolidayYearStatus Status)> Uncovered(DateOnly date) => current.Uncovered(date, CoverageDays);

    /// <summary>What an operator reads in the log and in /health/ready; null when the calendar covers the stretch.</summary>
    public string? Warning(DateOnly date)
    {
        var uncovered = Uncovered(date);
        if (uncovered.Count == 0)
        {
            return null;
        }

        var years = string.Join(", ", uncovered.Select(u => string.Create(CultureInfo.InvariantCulture,
            $"{u.Year} ({(u.Status == HolidayYearStatus.Missing ? "no holidays loaded" : "provisional dates only")})")));
        return $"The holiday calendar does not cover the next {CoverageDays} days: {years}. Deadlines may fall on a day off "
               + "until the SKB 3 Menteri for that year is loaded (POST /admin/holidays; see README, Loading next year's holidays).";
    }

    /// <summary>Logs the warning at most once a day per instance.</summary>
    public void WarnIfUncovered(DateOnly date)
    {
        if (Warning(date) is not { } warning)
        {
            return;
        }

        lock (gate)
        {
            if (lastWarned == date)
            {
                return;
            }

            lastWarned = date;
        }

        LogUncovered(logger, warning);
    }

    internal void Apply(IReadOnlyList<HolidayFileRow> files)
    {
        var calendar = shippedList;
        foreach (var file in files)
        {
            try
            {
                calendar = calendar.With(HolidayCalendar.Parse(file.Content, $"holiday file {file.Id}"));
            }
            catch (HolidayCalendarException ex)
            {
                // Validated before it was stored, so only a hand edit of the table gets here; the rest still applies.
                LogBadFile(logger, file.Id, ex);
            }
        }

        lock (gate)
        {
            current = calendar;
            appliedUpTo = files.Count == 0 ? 0 : files.Max(f => f.Id);
        }
    }

    [LoggerMessage(5450, LogLevel.Warning, "{Warning}")]
    private static partial void LogUncovered(ILogger logger, string warning);

    [LoggerMessage(5451, LogLevel.Error, "Stored holiday file {Id} cannot be read and is skipped")]
    private static partial void LogBadFile(ILogger logger, int id, Exception ex);
}

namespace KinerjaBot.Domain;

/// <summary>Working days of Indonesian government offices: Monday to Friday, except libur nasional and cuti bersama.</summary>
/// <remarks>Agencies with another working week are not modelled (DOMAIN.md §7 marks them UNCONFIRMED).</remarks>
public sealed class WorkingCalendar
{
    private readonly Func<HolidayCalendar> holidays;

    public WorkingCalendar(HolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        this.holidays = () => holidays;
    }

    /// <summary>A calendar that asks for the current list on each question, so a list loaded later applies at once.</summary>
    public WorkingCalendar(Func<HolidayCalendar> current) => holidays = current ?? throw new ArgumentNullException(nameof(current));

    /// <summary>The list in force now.</summary>
    public HolidayCalendar Holidays => holidays();

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays().IsHoliday(date);

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="from"/>, or before it when n is negative
    /// ("H-1" of a deadline is <c>AddWorkingDays(deadline, -1)</c>). <paramref name="from"/> itself is never counted;
    /// n = 0 returns it unchanged even when it is not a working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int n)
    {
        var step = Math.Sign(n);
        var date = from;
        for (var remaining = Math.Abs((long)n); remaining > 0; remaining--)
        {
            do
            {
                date = date.AddDays(step);
            }
            while (!IsWorkingDay(date));
        }

        return date;
    }

    /// <summary>The first working day strictly after the date.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>The date itself when it is a working day, otherwise the next one.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    /// <summary>The date itself when it is a working day, otherwise the last one before it.</summary>
    public DateOnly PreviousWorkingDayOnOrBefore(DateOnly date) => IsWorkingDay(date) ? date : AddWorkingDays(date, -1);

    /// <summary>
    /// The working days passed going from <paramref name="a"/> to <paramref name="b"/>: those after a up to and
    /// including b, negated when b is before a. For working days a and b, <c>AddWorkingDays(a, result) == b</c>,
    /// so "H-2" means <c>WorkingDaysBetween(today, deadline) == 2</c>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly a, DateOnly b)
    {
        if (b < a)
        {
            return -WorkingDaysBetween(b, a);
        }

        var count = 0;
        for (var date = a.AddDays(1); date <= b; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }
}

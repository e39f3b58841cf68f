namespace KinerjaBot.Domain;

/// <summary>The holiday file is missing, unreadable or malformed; the message names the place and the reason.</summary>
public sealed class HolidayCalendarException : Exception
{
    public HolidayCalendarException()
    {
    }

    public HolidayCalendarException(string message)
        : base(message)
    {
    }

    public HolidayCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal HolidayCalendarException(string message, int? lineNumber, int? entryNumber, Exception? innerException = null)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
        EntryNumber = entryNumber;
    }

    /// <summary>1-based line of the problem, when known.</summary>
    public int? LineNumber { get; }

    /// <summary>1-based position of the offending entry in the "holidays" array, when the problem is in one.</summary>
    public int? EntryNumber { get; }
}

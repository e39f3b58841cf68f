namespace KinerjaBot.Domain;

/// <summary>Why a weekday is not worked.</summary>
public enum HolidayKind
{
    /// <summary>Hari libur nasional ("national" in holidays.json).</summary>
    National,

    /// <summary>Cuti bersama, joint leave taken from annual leave ("collective" in holidays.json).</summary>
    Collective,
}

/// <summary>One day off from the SKB 3 Menteri list.</summary>
/// <param name="Provisional">
/// Not yet decreed: a date worked out ahead of the year's SKB (a moving holiday by hisab or computus),
/// to be replaced when the official list is loaded. A year with any provisional day is not covered.
/// </param>
/// <param name="Source">Where this one date comes from, when it differs from the file's source.</param>
public sealed record Holiday(DateOnly Date, HolidayKind Kind, string IndonesianName, string EnglishName, bool Provisional = false, string? Source = null);

/// <summary>How far the calendar can be trusted for a year.</summary>
public enum HolidayYearStatus
{
    /// <summary>Nothing is loaded for the year: every weekday would count as worked.</summary>
    Missing,

    /// <summary>Some days are known, others are provisional or missing until the year's SKB is loaded.</summary>
    Provisional,

    /// <summary>The year's list is loaded with no provisional day.</summary>
    Official,
}

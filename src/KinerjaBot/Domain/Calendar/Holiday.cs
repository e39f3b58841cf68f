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
public sealed record Holiday(DateOnly Date, HolidayKind Kind, string IndonesianName, string EnglishName);

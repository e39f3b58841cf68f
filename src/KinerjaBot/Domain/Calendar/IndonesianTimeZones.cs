using System.Globalization;

namespace KinerjaBot.Domain;

/// <summary>WIB, WITA and WIT (Keppres 41/1987; no daylight saving time), and conversions for reminders.</summary>
public static class IndonesianTimeZones
{
    public const string Wib = "Asia/Jakarta";
    public const string Wita = "Asia/Makassar";
    public const string Wit = "Asia/Jayapura";

    private static readonly Dictionary<string, (string Abbreviation, int OffsetHours)> Indonesian = new(StringComparer.Ordinal)
    {
        [Wib] = ("WIB", 7),
        ["Asia/Pontianak"] = ("WIB", 7),
        [Wita] = ("WITA", 8),
        ["Asia/Ujung_Pandang"] = ("WITA", 8),
        [Wit] = ("WIT", 9),
    };

    /// <summary>The zone for an IANA (or Windows) id; Asia/Jakarta when the id is missing or unknown.</summary>
    /// <remarks>Zones outside Indonesia are honoured: a civil servant posted abroad still gets reminders in their own time.</remarks>
    public static TimeZoneInfo Resolve(string? ianaId)
    {
        if (!string.IsNullOrWhiteSpace(ianaId) && TryFind(ianaId.Trim(), out var zone))
        {
            return zone;
        }

        return TryFind(Wib, out var jakarta) ? jakarta : FixedOffsetZone(Wib);
    }

    /// <summary>The calendar date at that instant in the zone.</summary>
    public static DateOnly LocalDate(DateTimeOffset utcNow, TimeZoneInfo tz)
    {
        ArgumentNullException.ThrowIfNull(tz);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, tz).DateTime);
    }

    /// <summary>The instant at which the zone's clocks show that date and time.</summary>
    /// <remarks>
    /// Only zones with daylight saving time have gaps and overlaps: a skipped time is read with the offset
    /// before the change (so it lands just after it), and a repeated time means its first occurrence.
    /// </remarks>
    public static DateTimeOffset ToUtc(DateOnly localDate, TimeOnly localTime, TimeZoneInfo tz)
    {
        ArgumentNullException.ThrowIfNull(tz);
        var local = localDate.ToDateTime(localTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (tz.IsInvalidTime(local))
        {
            offset = tz.GetUtcOffset(local.AddDays(-1));
        }
        else if (tz.IsAmbiguousTime(local))
        {
            offset = tz.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = tz.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>WIB, WITA or WIT; otherwise the standard offset as text, e.g. "UTC+10" or "UTC+5:30".</summary>
    public static string Abbreviation(TimeZoneInfo tz)
    {
        ArgumentNullException.ThrowIfNull(tz);
        return Indonesian.TryGetValue(tz.Id, out var known) ? known.Abbreviation : OffsetText(tz.BaseUtcOffset);
    }

    /// <summary>As <see cref="Abbreviation(TimeZoneInfo)"/>, with the offset in force at that instant.</summary>
    public static string Abbreviation(TimeZoneInfo tz, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tz);
        return Indonesian.TryGetValue(tz.Id, out var known) ? known.Abbreviation : OffsetText(tz.GetUtcOffset(at));
    }

    // Slim container images ship without tzdata; Indonesia's offsets are fixed, so a built-in zone is exact for them.
    internal static TimeZoneInfo FixedOffsetZone(string ianaId)
    {
        var (abbreviation, hours) = Indonesian[ianaId];
        return TimeZoneInfo.CreateCustomTimeZone(ianaId, TimeSpan.FromHours(hours), abbreviation, abbreviation);
    }

    private static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            zone = found;
            return true;
        }

        if (Indonesian.ContainsKey(id))
        {
            zone = FixedOffsetZone(id);
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    private static string OffsetText(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var magnitude = offset.Duration();
        return magnitude.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{magnitude.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{magnitude.Hours}:{magnitude.Minutes:D2}");
    }
}

using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KinerjaBot.Data;

/// <summary>
/// Every timestamp is stored as an instant in UTC, whatever offset the code used, so SQL comparisons
/// (due reminders, leases) hold across WIB/WITA/WIT values. Read back with offset zero.
/// </summary>
internal static class UtcTimestampConverters
{
    /// <summary>SQLite has no timestamp type: UTC ticks in an INTEGER sort and compare correctly.</summary>
    internal sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    /// <summary>Npgsql writes only offset-zero values to <c>timestamptz</c>; normalise instead of failing.</summary>
    internal sealed class ToUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v);
}

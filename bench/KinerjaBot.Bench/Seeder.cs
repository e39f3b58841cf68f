using System.Globalization;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Bench;

/// <summary>A seeded employee as the load generator addresses them in Teams.</summary>
public sealed record SimUser(int Index, string Aad, string TimeZone, bool IsHead)
{
    public string UserId => "29:" + Aad;
    public string ConversationId => "a:" + Aad;
}

/// <summary>
/// Seeds an organisation with the app's own model: units of ten (a head who rates nine staff), each
/// employee with an approved SKP for the year (one RHK, two indicators). Employees are spread over the
/// three Indonesian time zones.
/// </summary>
public static class Seeder
{
    public const int UnitSize = 10;

    public static readonly string[] Zones = [IndonesianTimeZones.Wib, IndonesianTimeZones.Wita, IndonesianTimeZones.Wit];

    public static string AadOf(int index) => $"00000000-0000-4000-8000-{index:D12}";

    public static SimUser UserOf(int index) => new(index, AadOf(index), Zones[index / UnitSize % Zones.Length], index % UnitSize == 0);

    /// <summary>Inserts <paramref name="count"/> employees; with <paramref name="serviceUrl"/>, each also gets a Teams conversation reference (as if they had installed the bot).</summary>
    public static async Task SeedOrganisationAsync(AppHost host, int count, int year, string? serviceUrl, Action<string>? progress = null)
    {
        const int unitsPerChunk = 500;
        var units = (count + UnitSize - 1) / UnitSize;
        for (var first = 0; first < units; first += unitsPerChunk)
        {
            await using var db = host.NewBulkContext();
            var employees = new List<(int Index, Employee Employee)>();
            for (var u = first; u < Math.Min(units, first + unitsPerChunk); u++)
            {
                var unit = new OrgUnit { Code = $"U{u:D6}", Name = $"Bidang Layanan {u}", TimeZone = Zones[u % Zones.Length] };
                db.Units.Add(unit);
                Employee? head = null;
                for (var i = u * UnitSize; i < Math.Min(count, (u + 1) * UnitSize); i++)
                {
                    var employee = NewEmployee(i, unit, head);
                    head ??= employee;
                    db.Employees.Add(employee);
                    db.Skps.Add(NewSkp(employee, year));
                    employees.Add((i, employee));
                }
            }

            await db.SaveChangesAsync();
            if (serviceUrl is not null)
            {
                foreach (var (index, employee) in employees)
                {
                    db.ConversationRefs.Add(NewReference(index, employee.Id, serviceUrl));
                }

                await db.SaveChangesAsync();
            }

            progress?.Invoke($"seeded {Math.Min(count, (first + unitsPerChunk) * UnitSize)} of {count} employees");
        }
    }

    private static Employee NewEmployee(int index, OrgUnit unit, Employee? head) => new()
    {
        Nip = "19" + index.ToString("D16", CultureInfo.InvariantCulture),
        Name = (index % 2 == 0 ? "Budi " : "Siti ") + "Pegawai " + index.ToString(CultureInfo.InvariantCulture),
        Salutation = index % 2 == 0 ? Salutation.Bapak : Salutation.Ibu,
        PositionName = head is null ? "Kepala Bidang" : "Analis Pengaduan",
        Unit = unit,
        Rater = head,
        AadObjectId = AadOf(index),
        TimeZone = unit.TimeZone,
        Language = "id",
    };

    private static Skp NewSkp(Employee employee, int year) => new()
    {
        Employee = employee,
        Year = year,
        Status = SkpStatus.Approved,
        Rhks =
        [
            new Rhk
            {
                Kind = RhkKind.Utama,
                Text = "Meningkatnya kualitas penanganan pengaduan masyarakat",
                Order = 0,
                Indicators =
                [
                    new Indicator { Text = "Jumlah laporan pengaduan yang diselesaikan", Aspect = IndicatorAspect.Kuantitas, Target = 240, Unit = "laporan", Order = 0 },
                    new Indicator { Text = "Persentase dokumen terverifikasi tepat waktu", Aspect = IndicatorAspect.Waktu, Target = 100, Unit = "%", Combination = ReportCombination.Latest, Order = 1 },
                ],
            },
        ],
    };

    private static ConversationRef NewReference(int index, int employeeId, string serviceUrl)
    {
        var user = UserOf(index);
        return new ConversationRef
        {
            UserId = user.UserId,
            AadObjectId = user.Aad,
            EmployeeId = employeeId,
            ServiceUrl = serviceUrl,
            ConversationId = user.ConversationId,
            ChannelId = "msteams",
            TenantId = LoadGenerator.TenantId,
            BotId = "28:kinerjabot",
            Locale = "id-ID",
            TimeZone = user.TimeZone,
            FirstSeenAt = DateTimeOffset.UtcNow,
            LastSeenAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// One approved entry per employee per working day (Monday to Friday) over the 365 days before
    /// <paramref name="today"/>, on the first indicator, generated inside the database in one statement.
    /// </summary>
    public static async Task<long> SeedYearOfProgressAsync(AppHost host, DateOnly today)
    {
        await using var db = host.NewBulkContext();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var from = today.AddDays(-365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var firstIndicators = """
            SELECT i."Id" AS indicator_id, s."EmployeeId" AS employee_id
            FROM indicators i JOIN rhks r ON r."Id" = i."RhkId" JOIN skps s ON s."Id" = r."SkpId"
            WHERE i."Order" = 0
            """;
        string sql;
        if (db.IsSqlite)
        {
            // Dates are ISO text and timestamps UTC ticks in this schema (UtcTimestampConverters).
            sql = $"""
                WITH RECURSIVE days(d) AS (SELECT '{from}' UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < '{to}'),
                     work(d) AS (SELECT d FROM days WHERE strftime('%w', d) NOT IN ('0', '6')),
                     firsts AS ({firstIndicators})
                INSERT INTO progress_entries ("IndicatorId", "EmployeeId", "Date", "Value", "Note", "Status", "SubmittedAt", "Version")
                SELECT f.indicator_id, f.employee_id, w.d, '1.0', 'selesai 1 laporan pengaduan', 'Approved',
                       CAST((julianday(w.d) - 1721425.5) * 864000000000 AS INTEGER) + 324000000000, 0
                FROM firsts f CROSS JOIN work w
                """;
        }
        else
        {
            sql = $"""
                INSERT INTO progress_entries ("IndicatorId", "EmployeeId", "Date", "Value", "Note", "Status", "SubmittedAt", "Version")
                SELECT f.indicator_id, f.employee_id, d::date, 1, 'selesai 1 laporan pengaduan', 'Approved', d + interval '9 hours', 0
                FROM ({firstIndicators}) f
                CROSS JOIN generate_series('{from}'::timestamptz, '{to}'::timestamptz, interval '1 day') d
                WHERE extract(isodow from d) < 6
                """;
        }

        await db.Database.ExecuteSqlRawAsync(sql);
        if (!db.IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize");
        }

        return await db.ProgressEntries.LongCountAsync();
    }
}

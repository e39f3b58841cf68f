using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Persistence;

/// <summary>
/// What the rest of the bot assumes of the database, proved on both providers: each fact runs on SQLite,
/// and again on the PostgreSQL test server.
/// </summary>
public sealed class PersistenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact] public Task Sqlite_plan_tree_round_trips() => PlanTreeRoundTripsAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_plan_tree_round_trips() => PlanTreeRoundTripsAsync(TestDatabase.Postgres);
    [Fact] public Task Sqlite_second_writer_of_a_stale_copy_fails() => SecondWriterFailsAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_second_writer_of_a_stale_copy_fails() => SecondWriterFailsAsync(TestDatabase.Postgres);
    [Fact] public Task Sqlite_every_change_is_audited() => EveryChangeIsAuditedAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_every_change_is_audited() => EveryChangeIsAuditedAsync(TestDatabase.Postgres);
    [Fact] public Task Sqlite_outbox_key_is_unique() => OutboxKeyIsUniqueAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_outbox_key_is_unique() => OutboxKeyIsUniqueAsync(TestDatabase.Postgres);
    [Fact] public Task Sqlite_timestamps_compare_as_instants_whatever_their_offset() => TimestampsCompareAsInstantsAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_timestamps_compare_as_instants_whatever_their_offset() => TimestampsCompareAsInstantsAsync(TestDatabase.Postgres);
    [Fact] public Task Sqlite_deleting_an_employee_with_history_is_refused() => DeletingReferencedEmployeeIsRefusedAsync(TestDatabase.Sqlite);
    [PostgresFact] public Task Postgres_deleting_an_employee_with_history_is_refused() => DeletingReferencedEmployeeIsRefusedAsync(TestDatabase.Postgres);

    private static async Task<TestDatabase> MigratedAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    private static async Task<(int UnitId, int RaterId, int EmployeeId)> SeedPeopleAsync(KinerjaDbContext db)
    {
        var unit = new OrgUnit { Code = "BID-1", Name = "Bidang Pelayanan", TimeZone = IndonesianTimeZones.Wita };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        var rater = new Employee { Nip = "198003152005011002", Name = "Rina", PositionName = "Kepala Bidang", PositionType = PositionType.Administrator, UnitId = unit.Id };
        db.Employees.Add(rater);
        await db.SaveChangesAsync();
        var employee = new Employee
        {
            Nip = "199205122019032002", Name = "Siti", Salutation = Salutation.Ibu, PositionName = "Analis", PositionType = PositionType.Fungsional,
            UnitId = unit.Id, RaterId = rater.Id, CreditCoefficient = 12.5m, TimeZone = IndonesianTimeZones.Wita,
        };
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        return (unit.Id, rater.Id, employee.Id);
    }

    private static async Task PlanTreeRoundTripsAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        int skpId;
        await using (var db = database.NewContext())
        {
            var (_, raterId, employeeId) = await SeedPeopleAsync(db);
            var skp = new Skp { EmployeeId = employeeId, Year = 2026, RaterId = raterId, Status = SkpStatus.Approved };
            var rhk = new Rhk { Kind = RhkKind.Utama, Text = "Layanan pengaduan tuntas", Order = 1 };
            rhk.Indicators.Add(new Indicator { Text = "Pengaduan selesai", Aspect = IndicatorAspect.Kuantitas, Target = 1234.5678m, Unit = "laporan", Order = 1 });
            skp.Rhks.Add(rhk);
            db.Skps.Add(skp);
            await db.SaveChangesAsync();
            db.ProgressEntries.Add(new ProgressEntry
            {
                IndicatorId = rhk.Indicators[0].Id, EmployeeId = employeeId, Date = new DateOnly(2026, 2, 28), Value = 0.0001m,
                Note = "Catatan ‘kutip’ — ünïcødé 🙂", Status = ProgressStatus.Submitted, SubmittedAt = Now,
            });
            await db.SaveChangesAsync();
            skpId = skp.Id;
        }

        await using (var db = database.NewContext())
        {
            var skp = await db.Skps.Include(s => s.Rhks).ThenInclude(r => r.Indicators).SingleAsync(s => s.Id == skpId);
            var indicator = skp.Rhks.Single().Indicators.Single();
            Assert.Equal(SkpStatus.Approved, skp.Status);
            Assert.Equal(1234.5678m, indicator.Target);
            Assert.Equal(IndicatorAspect.Kuantitas, indicator.Aspect);
            var entry = await db.ProgressEntries.SingleAsync();
            Assert.Equal(0.0001m, entry.Value);
            Assert.Equal(new DateOnly(2026, 2, 28), entry.Date);
            Assert.Equal("Catatan ‘kutip’ — ünïcødé 🙂", entry.Note);
            Assert.Equal(Now, entry.SubmittedAt);
            Assert.Equal(12.5m, (await db.Employees.SingleAsync(e => e.Nip == "199205122019032002")).CreditCoefficient);

            // Enums are stored by name, so exports and SQL read as the rules do.
            var status = await db.Database.SqlQueryRaw<string>("SELECT \"Status\" AS \"Value\" FROM skps").SingleAsync();
            Assert.Equal("Approved", status);
        }
    }

    private static async Task SecondWriterFailsAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        int employeeId;
        await using (var db = database.NewContext())
        {
            employeeId = (await SeedPeopleAsync(db)).EmployeeId;
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var mine = await first.Employees.SingleAsync(e => e.Id == employeeId);
        var theirs = await second.Employees.SingleAsync(e => e.Id == employeeId);
        mine.Language = "en";
        theirs.Language = "id";

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.NewContext();
        var stored = await check.Employees.SingleAsync(e => e.Id == employeeId);
        Assert.Equal("en", stored.Language);
        Assert.Equal(1, stored.Version);
    }

    private static async Task EveryChangeIsAuditedAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            await SeedPeopleAsync(db);
        }

        await using (var db = database.NewContext())
        {
            var siti = await db.Employees.SingleAsync(e => e.Nip == "199205122019032002");
            siti.Name = "Siti Nurhaliza";
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var sitiId = (await check.Employees.SingleAsync(e => e.Nip == "199205122019032002")).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var trail = await check.AuditEntries.Where(a => a.EntityType == "Employee" && a.EntityId == sitiId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Added", "Modified"], trail.Select(a => a.Action));
        Assert.Contains("\"Siti\"", trail[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"Siti Nurhaliza\"", trail[1].After, StringComparison.Ordinal);
        Assert.Contains("Fungsional", trail[0].After, StringComparison.Ordinal);
    }

    private static OutboxMessage Row(string key, DateTimeOffset notBefore) => new()
    {
        Key = key, Purpose = "test", RecipientUserId = "29:x", ServiceUrl = "https://smba.example/", ConversationId = "a:x",
        ActivityJson = "{}", CreatedAt = Now, NotBefore = notBefore,
    };

    private static async Task OutboxKeyIsUniqueAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Outbox.Add(Row("reminder:1:2026-11-23", Now));
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            db.Outbox.Add(Row("reminder:1:2026-11-23", Now));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = database.NewContext();
        Assert.Equal(1, await check.Outbox.CountAsync());
    }

    private static async Task TimestampsCompareAsInstantsAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        var wit = TimeSpan.FromHours(9);
        await using (var db = database.NewContext())
        {
            // 11:30 WIT is 02:30 UTC: before Now although its clock reads later.
            db.Outbox.Add(Row("due-wit", new DateTimeOffset(2026, 11, 23, 11, 30, 0, wit)));
            // 09:59 UTC is after Now although a WIT clock would read 18:59.
            db.Outbox.Add(Row("later-utc", new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero)));
            db.Outbox.Add(Row("due-utc", Now.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var due = await check.Outbox.Where(o => o.NotBefore <= Now).OrderBy(o => o.NotBefore).Select(o => o.Key).ToListAsync();
        Assert.Equal(["due-wit", "due-utc"], due);
        var wit1130 = await check.Outbox.SingleAsync(o => o.Key == "due-wit");
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero), wit1130.NotBefore);
        Assert.Equal(TimeSpan.Zero, wit1130.NotBefore.Offset);
    }

    private static async Task DeletingReferencedEmployeeIsRefusedAsync(string provider)
    {
        await using var database = await MigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            await SeedPeopleAsync(db);
        }

        // A rater with people under them cannot vanish: their subordinates' reporting line would be lost.
        await using (var db = database.NewContext())
        {
            db.Employees.Remove(await db.Employees.SingleAsync(e => e.Nip == "198003152005011002"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = database.NewContext();
        Assert.Equal(2, await check.Employees.CountAsync());
    }

    [Fact]
    public async Task Sqlite_timestamps_written_before_the_utc_migration_are_converted()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var db = database.NewContext();
        var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
        await migrator.MigrateAsync("20261123000000_Initial");
        var wib = new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(7));
        var oldEncoding = new DateTimeOffsetToBinaryConverter();
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO audit_entries (\"At\", \"EntityType\", \"EntityId\", \"Action\") VALUES ($at, 'X', '1', 'Added')";
            insert.Parameters.AddWithValue("$at", (long)oldEncoding.ConvertToProvider(wib)!);
            await insert.ExecuteNonQueryAsync();
        }

        await db.Database.MigrateAsync();

        var at = (await db.AuditEntries.SingleAsync()).At;
        Assert.Equal(wib, at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }
}

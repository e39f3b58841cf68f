using KinerjaBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Infrastructure;

public static class DatabaseExtensions
{
    /// <summary>Registers <see cref="KinerjaDbContext"/> on the configured provider.</summary>
    public static IHostApplicationBuilder AddKinerjaDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AuditTrail>();
        // Pooled: a turn rents a context already set up instead of building one (about a tenth of the CPU
        // of a chat message went to creating contexts and their services).
        builder.Services.AddPooledDbContextFactory<KinerjaDbContext>((sp, options) =>
        {
            Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            if (sp.GetService<Delivery.OutboxCommitSignal>() is { } outboxSignal)
            {
                options.AddInterceptors(outboxSignal);
            }
        });
        builder.Services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<KinerjaDbContext>>().CreateDbContext();
            db.Audit = sp.GetRequiredService<AuditTrail>();
            return db;
        });
        return builder;
    }

    /// <summary>The provider set-up shared by the app and by tools and tests that open the database directly.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions db, string contentRoot)
    {
        if (db.Provider == DatabaseOptions.Postgres)
        {
            options.UseNpgsql(db.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL."));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(db, contentRoot)).AddInterceptors(SqliteBusyTimeout.Instance);
        }

        // Our migrations are hand-written without a model snapshot, so EF cannot compare them with the model
        // and would always warn; MigrationSchemaTests does that comparison instead, on both providers.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    internal static string SqliteConnectionString(DatabaseOptions db, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            return db.ConnectionString;
        }

        var folder = Path.GetFullPath(Path.Combine(contentRoot, db.DataDirectory));
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "kinerjabot.db"),
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Migrates (and, for SQLite, switches to WAL so readers never block the writer).</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<KinerjaDbContext>();
        if (db.IsSqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        if (options.MigrateOnStartup)
        {
            await BaselineEnsureCreatedDatabaseAsync(db, ct);
            await Data.Migrations.IdentityDuplicates.ReportAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Data.Migrations.IdentityDuplicates)), ct);
            await db.Database.MigrateAsync(ct);
        }
    }

    /// <summary>
    /// Databases made before migrations existed (by EnsureCreated, with exactly the Initial schema) have no
    /// history table; record Initial as applied so migrating them does not try to create existing tables.
    /// </summary>
    private static async Task BaselineEnsureCreatedDatabaseAsync(KinerjaDbContext db, CancellationToken ct)
    {
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        if (applied.Any() || !await TableExistsAsync(db, "employees", ct))
        {
            return;
        }

        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(InitialMigrationId, ProductInfo.GetVersion())), ct);
    }

    private const string InitialMigrationId = "20261123000000_Initial";

    private static async Task<bool> TableExistsAsync(KinerjaDbContext db, string table, CancellationToken ct)
    {
        var sql = db.IsSqlite
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return await db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(ct) > 0;
    }
}

using KinerjaBot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Infrastructure;

public static class DatabaseExtensions
{
    /// <summary>Registers <see cref="KinerjaDbContext"/> on the configured provider.</summary>
    public static IHostApplicationBuilder AddKinerjaDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddDbContext<KinerjaDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (db.Provider == DatabaseOptions.Postgres)
            {
                options.UseNpgsql(db.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL."));
            }
            else
            {
                options.UseSqlite(SqliteConnectionString(db, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
            }
        });
        return builder;
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
            await db.Database.EnsureCreatedAsync(ct);
        }
    }
}

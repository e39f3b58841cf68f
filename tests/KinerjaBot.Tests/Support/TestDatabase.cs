using KinerjaBot.Data;
using KinerjaBot.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KinerjaBot.Tests.Support;

/// <summary>
/// An empty database of its own on one provider: a SQLite file in a temp folder, or a fresh database on
/// the PostgreSQL test server (dropped on dispose). <see cref="Settings"/> points a <see cref="BotApp"/> at it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
    }

    public const string Sqlite = DatabaseOptions.Sqlite;
    public const string Postgres = DatabaseOptions.Postgres;

    public string Provider { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("kinerjabot-db-").FullName;
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "kinerjabot.db"), DefaultTimeout = 30 }.ToString();
            return new TestDatabase(provider, cs, folder, null);
        }

        var name = "kb_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(PostgresFactAttribute.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, name);
    }

    /// <summary>Configuration for a <see cref="BotApp"/> using this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider,
        ["Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>A context configured exactly as the app configures it, auditing like the app's.</summary>
    public KinerjaDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<KinerjaDbContext>();
        DatabaseExtensions.Configure(options, new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }, Path.GetTempPath());
        return new KinerjaDbContext(options.Options) { Audit = new AuditTrail(TimeProvider.System) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

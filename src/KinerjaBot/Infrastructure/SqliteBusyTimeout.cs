using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KinerjaBot.Infrastructure;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection it opens.
/// Without it Microsoft.Data.Sqlite retries a busy statement after a fixed 150 ms sleep, so two turns
/// saving at the same moment cost the second one 150 ms or more; SQLite's own handler retries within a
/// millisecond or two. Set once per native connection (the pool reopens the same ones).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const int TimeoutMilliseconds = 30_000;

    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetting(connection, out var sqlite))
        {
            using var command = Command(sqlite);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetting(connection, out var sqlite))
        {
            await using var command = Command(sqlite);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool NeedsSetting(DbConnection connection, out SqliteConnection sqlite)
    {
        sqlite = (connection as SqliteConnection)!;
        return sqlite?.Handle is { } handle && _configured.TryAdd(handle, this);
    }

    private static SqliteCommand Command(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {TimeoutMilliseconds};";
        return command;
    }
}

using Npgsql;

namespace KinerjaBot.Tests.Support;

/// <summary>The PostgreSQL test server of scripts/postgres.sh is reachable (see <see cref="PostgresFactAttribute"/>).</summary>
public sealed class PostgresSmokeTests
{
    [PostgresFact]
    public async Task TestServer_Answers()
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }
}

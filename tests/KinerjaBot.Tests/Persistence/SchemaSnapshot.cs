using System.Data.Common;
using KinerjaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Persistence;

/// <summary>
/// A database's schema as comparable lines (one per column, key, index and foreign key), read from the
/// database's own catalog, so two databases can be compared without trusting EF's view of either.
/// </summary>
internal static class SchemaSnapshot
{
    /// <summary>EF's own bookkeeping (history, and the lock table on SQLite) is not part of our schema.</summary>
    private const string MigrationTables = "__EFMigrations";

    public static async Task<IReadOnlyList<string>> ReadAsync(KinerjaDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.IsSqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            return lines.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            $"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' AND name NOT LIKE '{MigrationTables}%'");
        foreach (var table in tables)
        {
            var name = table[0]!;
            lines.Add($"table {name} autoincrement={table[1]!.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{name}')"))
            {
                lines.Add($"column {name}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{name}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {name}.{i[0]} unique={i[1]} origin={i[2]} ({string.Join(",", columns.Select(r => r[0]))})");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"fk {name}.{f[1]} -> {f[0]}.{f[2]} update={f[3]} delete={f[4]}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name NOT LIKE '{MigrationTables}%'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]},{c[4]},{c[5]}) nullable={c[6]} default={c[7]} identity={c[8]}/{c[9]}");
        }

        foreach (var i in await QueryAsync(connection, $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename NOT LIKE '{MigrationTables}%'"))
        {
            lines.Add($"index {i[0]}: {i[1]}");
        }

        foreach (var k in await QueryAsync(connection, $"""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text NOT LIKE '%{MigrationTables}%'
            """))
        {
            lines.Add($"constraint {k[0]}.{k[1]}: {k[2]}");
        }

        return lines;
    }

    private static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}

using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Infrastructure;

/// <summary>Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (embedded, one instance) or <c>Postgres</c> (several instances).</summary>
    [RegularExpression("^(Sqlite|Postgres)$")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Connection string; for SQLite the default is a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up; EF Core holds a database lock meanwhile, so instances starting together are safe.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

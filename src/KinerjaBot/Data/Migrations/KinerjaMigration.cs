using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace KinerjaBot.Data.Migrations;

/// <summary>
/// Base of our hand-written migrations (the EF design-time package does not restore here, see DESIGN.md §7).
/// One migration serves both providers: columns are declared by CLR type and let the provider choose the
/// SQL type, except where the model itself differs per provider (timestamps are ticks on SQLite).
/// <c>MigrationSchemaTests</c> proves the result equals what the model would create, on both providers.
/// </summary>
/// <remarks>
/// To change the schema: change the model, add a new migration named <c>yyyyMMddHHmmss_What</c> deriving
/// from this class, and run the schema tests; they name every table, column, index or key that differs.
/// </remarks>
public abstract class KinerjaMigration : Migration
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    protected bool IsSqlite => ActiveProvider == SqliteProvider;

    /// <summary>An auto-increment key (AUTOINCREMENT on SQLite, identity by default on PostgreSQL).</summary>
    protected static OperationBuilder<AddColumnOperation> Id<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    /// <summary>A <see cref="DateTimeOffset"/>: ticks (INTEGER) on SQLite so it sorts in SQL, timestamptz on PostgreSQL.</summary>
    protected OperationBuilder<AddColumnOperation> Timestamp(ColumnsBuilder table, bool nullable) =>
        IsSqlite ? table.Column<long>(nullable: nullable) : table.Column<DateTimeOffset>(nullable: nullable);

    /// <summary>An enum stored by name.</summary>
    protected static OperationBuilder<AddColumnOperation> Enum(ColumnsBuilder table, bool nullable) =>
        table.Column<string>(maxLength: 32, nullable: nullable);

    /// <summary>Targets and realisations: decimal(18,4).</summary>
    protected static OperationBuilder<AddColumnOperation> Decimal(ColumnsBuilder table, bool nullable) =>
        table.Column<decimal>(precision: 18, scale: 4, nullable: nullable);
}

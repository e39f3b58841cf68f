using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Delivery: when a person became unreachable, so their rater's digest reports it once.</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261201010000_DeliveryUnreachableSince")]
public sealed class DeliveryUnreachableSince : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (IsSqlite)
        {
            migrationBuilder.AddColumn<long>(name: "UnreachableSince", table: "conversation_refs", nullable: true);
        }
        else
        {
            migrationBuilder.AddColumn<DateTimeOffset>(name: "UnreachableSince", table: "conversation_refs", nullable: true);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (IsSqlite)
        {
            // EF will not drop a SQLite column itself; SQLite 3.35+ can.
            migrationBuilder.Sql("ALTER TABLE \"conversation_refs\" DROP COLUMN \"UnreachableSince\";");
        }
        else
        {
            migrationBuilder.DropColumn(name: "UnreachableSince", table: "conversation_refs");
        }
    }
}

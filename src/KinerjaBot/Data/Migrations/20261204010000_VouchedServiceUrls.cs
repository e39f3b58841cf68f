using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>Delivery: the service URLs tokens vouched for, so queued messages survive a restart (issue 14).</summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261204010000_VouchedServiceUrls")]
public sealed class VouchedServiceUrls : KinerjaMigration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Not filled from conversation_refs: those may come from unauthenticated development traffic, and only
        // a validated token may vouch for a URL. Rows queued to a URL no token has vouched for since the upgrade
        // are dead-lettered as before.
        migrationBuilder.CreateTable(
            name: "vouched_service_urls",
            columns: table => new
            {
                Url = table.Column<string>(maxLength: 512, nullable: false),
                VouchedAt = Timestamp(table, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_vouched_service_urls", x => x.Url));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("vouched_service_urls");
    }
}

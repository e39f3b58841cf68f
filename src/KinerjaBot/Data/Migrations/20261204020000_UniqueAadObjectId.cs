using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>
/// One Teams identity per employee: the index on <c>employees.AadObjectId</c> becomes unique (empty ids stay allowed, many).
/// </summary>
/// <remarks>
/// An identity already shared by several employees is cleared on all of them rather than failing the
/// migration: a bot that does not start stops everyone over a data error that only its import can fix, and
/// no rule can tell which of the holders the identity really belongs to. Until an import gives them their
/// identity back, those employees are not recognised in Teams (nobody acts as them), which is the safe side.
/// <see cref="IdentityDuplicates"/> logs their NIPs at startup, before this runs.
/// </remarks>
[DbContext(typeof(KinerjaDbContext))]
[Migration(Id)]
public sealed class UniqueAadObjectId : KinerjaMigration
{
    public const string Id = "20261204020000_UniqueAadObjectId";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            "UPDATE \"employees\" SET \"AadObjectId\" = NULL WHERE \"AadObjectId\" IN ("
            + "SELECT \"AadObjectId\" FROM \"employees\" WHERE \"AadObjectId\" IS NOT NULL GROUP BY \"AadObjectId\" HAVING COUNT(*) > 1);");
        migrationBuilder.DropIndex("IX_employees_AadObjectId", "employees");
        migrationBuilder.CreateIndex("IX_employees_AadObjectId", "employees", "AadObjectId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_employees_AadObjectId", "employees");
        migrationBuilder.CreateIndex("IX_employees_AadObjectId", "employees", "AadObjectId");
    }
}

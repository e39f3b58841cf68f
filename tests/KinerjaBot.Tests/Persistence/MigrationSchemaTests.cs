using KinerjaBot.Data;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace KinerjaBot.Tests.Persistence;

/// <summary>
/// Our migrations are hand-written, so nothing but this test keeps them true to the model: on each provider,
/// the schema the migrations build must equal the schema EF would create from the model, line by line.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public Task Sqlite_migrations_build_the_models_schema() => MigrationsMatchModelAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Postgres_migrations_build_the_models_schema() => MigrationsMatchModelAsync(TestDatabase.Postgres);

    [Fact]
    public Task Sqlite_migrations_go_down_and_up_again() => DownAndUpAsync(TestDatabase.Sqlite);

    [PostgresFact]
    public Task Postgres_migrations_go_down_and_up_again() => DownAndUpAsync(TestDatabase.Postgres);

    [Fact]
    public async Task A_database_made_before_migrations_existed_is_adopted_with_its_data()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using (var old = database.NewContext())
        {
            await old.Database.EnsureCreatedAsync();
            old.Units.Add(new KinerjaBot.Data.Model.OrgUnit { Code = "OLD", Name = "Unit lama" });
            await old.SaveChangesAsync();
        }

        await using var app = await BotApp.StartAsync(database.Settings);

        await using var db = app.NewDb();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Units.AnyAsync(u => u.Code == "OLD"));
    }

    private static async Task MigrationsMatchModelAsync(string provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);
        await using var viaMigrations = migrated.NewContext();
        await using var viaModel = created.NewContext();

        await viaMigrations.Database.MigrateAsync();
        await viaModel.Database.EnsureCreatedAsync();

        var expected = await SchemaSnapshot.ReadAsync(viaModel);
        var actual = await SchemaSnapshot.ReadAsync(viaMigrations);
        Assert.True(expected.Count > 50, $"the model's schema looks empty: {expected.Count} lines");
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Migrations differ from the model on {provider}.\nMissing (add to a migration):\n  {string.Join("\n  ", missing)}\nUnexpected (not in the model):\n  {string.Join("\n  ", extra)}");
        Assert.Empty(await viaMigrations.Database.GetPendingMigrationsAsync());
    }

    /// <summary>Every Down undoes its Up: back to empty, then forward again to the same schema.</summary>
    private static async Task DownAndUpAsync(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();

        await db.Database.MigrateAsync();
        var first = await SchemaSnapshot.ReadAsync(db);
        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.Empty(await SchemaSnapshot.ReadAsync(db));
        await db.Database.MigrateAsync();

        Assert.Equal(first, await SchemaSnapshot.ReadAsync(db));
    }
}

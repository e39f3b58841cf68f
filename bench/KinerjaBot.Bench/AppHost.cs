using KinerjaBot.Data;
using KinerjaBot.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Bench;

/// <summary>
/// The app's own services, built in this process but never started: used to migrate the database the
/// bot process will open, to seed it with the app's model, and to run the real reminder planner.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AppHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<AppHost> CreateAsync(string botFolder, IReadOnlyDictionary<string, string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = botFolder, EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        builder.Logging.ClearProviders();
        builder.AddKinerjaBot();
        var app = builder.Build();
        await app.Services.InitializeDatabaseAsync();
        return new AppHost(app);
    }

    /// <summary>A context without the audit trail: seeding is not a user's action and must not write 100,000 audit rows.</summary>
    public KinerjaDbContext NewBulkContext()
    {
        var options = Services.GetRequiredService<DbContextOptions<KinerjaDbContext>>();
        var db = new KinerjaDbContext(options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

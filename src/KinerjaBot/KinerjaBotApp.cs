using KinerjaBot.Admin;
using KinerjaBot.Conversation;
using KinerjaBot.Delivery;
using KinerjaBot.Demo;
using KinerjaBot.Features.Appraisal;
using KinerjaBot.Features.Calendar;
using KinerjaBot.Features.Feedback;
using KinerjaBot.Features.Import;
using KinerjaBot.Features.Onboarding;
using KinerjaBot.Features.OrgDirectory;
using KinerjaBot.Features.Progress;
using KinerjaBot.Features.Reminders;
using KinerjaBot.Features.Reports;
using KinerjaBot.Infrastructure;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Authentication;
using KinerjaBot.Protocol.Hosting;
using KinerjaBot.Protocol.Routing;

namespace KinerjaBot;

/// <summary>Composition of the whole app: one <c>Add</c> for services, one <c>Map</c> for endpoints.</summary>
public static class KinerjaBotApp
{
    public static WebApplicationBuilder AddKinerjaBot(this WebApplicationBuilder builder)
    {
        builder.AddKinerjaDatabase();
        Localization.Texts.UseOrganisationDefault(builder.Configuration["Localization:DefaultLanguage"]);
        var services = builder.Services;
        services.AddSingleton<KinerjaMetrics>();
        services.AddOptions<AdminOptions>().BindConfiguration("Admin").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DirectoryOptions>().BindConfiguration("Directory")
            .Validate<IHostEnvironment>(
                (o, env) => o.MapUnknownUsersToNip is null || (!env.IsProduction() && builder.Configuration.GetValue<bool>("Bot:DangerouslyAllowUnauthenticatedRequests")),
                "Directory:MapUnknownUsersToNip lets any Teams user act as that employee: it is for local development only "
                + "(not in Production, and only with Bot:DangerouslyAllowUnauthenticatedRequests). Remove it.")
            .ValidateOnStart();
        services.AddOptions<OrganisationOptions>().BindConfiguration(OrganisationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration("Delivery").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitSignal>();
        services.AddScoped<Outbox>();
        services.AddSingleton<IVouchedServiceUrlStore, VouchedServiceUrlStore>();
        services.AddSingleton<DeliveryConnector>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<ILocalDelivery>(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddScoped<IBotTurnHandler, KinerjaTurnHandler>();
        services.AddScoped<Features.Access.RecordAccess>();
        services.AddProgress();
        services.AddReminders();
        services.AddFeedback();
        services.AddAppraisal();
        services.AddOrgDirectory();
        services.AddReports();
        services.AddScoped<ImportService>();
        services.AddScoped<OrganisationExport>();
        services.AddBotProtocol(builder.Configuration.GetSection("Bot"), MapRoutes);
        services.AddKinerjaHealthChecks();
        return builder;
    }

    /// <summary>Route order matters for text: an open flow first, then commands, then the fallback.</summary>
    internal static void MapRoutes(BotRouter router) => router
        .MapProgressFlow()
        .MapOnboarding()
        .MapStatus()
        .MapReminders()
        .MapFeedback()
        .MapAppraisal()
        .MapReports()
        .MapProgress()
        .MapFallback();

    /// <summary>Operator endpoints under <c>/admin</c>; all of them require the admin key.</summary>
    internal static void MapAdmin(RouteGroupBuilder admin) => admin
        .MapOutboxAdmin()
        .MapImportAdmin()
        .MapOrganisationResultAdmin()
        .MapHolidayAdmin()
        .MapDirectoryAdmin()
        .MapExportAdmin();

    public static async Task<WebApplication> UseKinerjaBotAsync(this WebApplication app)
    {
        await app.Services.InitializeDatabaseAsync();
        await app.Services.LoadHolidaysAsync();
        await app.Services.SeedDemoDataIfConfiguredAsync();
        app.MapBotEndpoint("/api/messages");
        MapAdmin(app.MapAdminGroup());
        app.MapKinerjaHealth();
        return app;
    }
}

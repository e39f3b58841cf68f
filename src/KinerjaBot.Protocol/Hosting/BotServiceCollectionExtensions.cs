using KinerjaBot.Protocol.Authentication;
using KinerjaBot.Protocol.Connector;
using KinerjaBot.Protocol.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Protocol.Hosting;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// Registers inbound authentication (section <c>Bot</c>), the connector client (section <c>Bot:Connector</c>),
    /// and the router, which <paramref name="configureRoutes"/> fills.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration botSection, Action<BotRouter> configureRoutes)
    {
        services.AddOptions<BotAuthenticationOptions>().Bind(botSection)
            .Validate(o => o.DangerouslyAllowUnauthenticatedRequests || !string.IsNullOrWhiteSpace(o.AppId),
                "Bot:AppId is required unless Bot:DangerouslyAllowUnauthenticatedRequests is set for local development.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // The host may register an IVouchedServiceUrlStore so that trust outlives the process.
        services.TryAddSingleton(sp => new TrustedServiceUrls(sp.GetService<IVouchedServiceUrlStore>()));
        services.TryAddSingleton<IServiceUrlTrust>(sp => new TrustedServiceUrlsAdapter(sp.GetRequiredService<TrustedServiceUrls>()));
        services.TryAddSingleton(sp => new BotTokenValidator(
            sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value,
            httpClient: null,
            time: sp.GetRequiredService<TimeProvider>(),
            trustedServiceUrls: sp.GetRequiredService<TrustedServiceUrls>()));
        services.AddHostedService<DangerousModeGuard>();
        services.AddBotConnector(botSection);

        var router = new BotRouter();
        configureRoutes(router);
        services.AddSingleton(router);
        services.TryAddScoped<IBotTurnHandler, RouterTurnHandler>();
        return services;
    }

    private sealed class RouterTurnHandler(BotRouter router) : IBotTurnHandler
    {
        public Task<Activities.InvokeResponse?> HandleAsync(TurnContext turn) => router.RouteAsync(turn);
    }

    private sealed class TrustedServiceUrlsAdapter(TrustedServiceUrls urls) : IServiceUrlTrust
    {
        public ValueTask<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct) => urls.IsTrustedAsync(serviceUrl, ct);
    }
}

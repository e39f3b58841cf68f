using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Protocol.Connector;

/// <summary>Registers <see cref="IConnectorClient"/> and what it needs.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CredentialOptions"/> from <paramref name="section"/> itself (AppId, TenantId,
    /// AuthType, …) and <see cref="ConnectorOptions"/> from its <c>Connector</c> sub-section.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<CredentialOptions>().Bind(section);
        services.AddOptions<ConnectorOptions>().Bind(section.GetSection(ConnectorOptions.SectionName));
        return services.AddBotConnectorCore();
    }

    /// <summary>Configures the connector in code.</summary>
    public static IServiceCollection AddBotConnector(
        this IServiceCollection services, Action<CredentialOptions> configureCredentials, Action<ConnectorOptions>? configureConnector = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureCredentials);
        services.AddOptions<CredentialOptions>().Configure(configureCredentials);
        services.AddOptions<ConnectorOptions>().Configure(configureConnector ?? (_ => { }));
        return services.AddBotConnectorCore();
    }

    private static IServiceCollection AddBotConnectorCore(this IServiceCollection services)
    {
        services.AddOptions<CredentialOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CredentialOptions>, CredentialOptionsValidator>());
        services.AddOptions<ConnectorOptions>()
            .Validate(o => o.MaxAttempts >= 1, "Connector:MaxAttempts must be at least 1.")
            .Validate(o => o.BaseDelay >= TimeSpan.Zero && o.MaxDelay >= o.BaseDelay, "Connector:BaseDelay must be >= 0 and MaxDelay >= BaseDelay.")
            .Validate(o => o.MaxRetryAfter >= TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero, "Connector:MaxRetryAfter must be >= 0 and AttemptTimeout > 0.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IServiceUrlTrust, AllowListOnlyServiceUrlTrust>();
        services.TryAddSingleton<IAccessTokenProvider>(sp => CreateTokenProvider(sp.GetRequiredService<IOptions<CredentialOptions>>().Value));

        services.AddHttpClient<IConnectorClient, ConnectorClient>((http, sp) => new ConnectorClient(
                http,
                sp.GetRequiredService<IAccessTokenProvider>(),
                sp.GetRequiredService<IOptions<ConnectorOptions>>().Value,
                sp.GetRequiredService<IServiceUrlTrust>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ConnectorClient>>()))
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.AttemptTimeout)
            // Recycling pooled connections keeps DNS fresh even when a long-lived service (the
            // outbox dispatcher) holds on to one client instance.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return services;
    }

    private static IAccessTokenProvider CreateTokenProvider(CredentialOptions options) =>
        MsalTokenProvider.IsConfiguredFor(options) ? new MsalTokenProvider(options) : new NoTokenProvider();
}

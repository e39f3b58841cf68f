using KinerjaBot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Delivery;

/// <summary>
/// The connector client the dispatcher sends through: one HTTP attempt per call. Every 429 or gateway
/// error comes straight back to the dispatcher, which owns retrying: it honours <c>Retry-After</c> for
/// all its senders, counts the attempt in the outbox row and dead-letters after
/// <see cref="DeliveryOptions.MaxAttempts"/>, instead of a worker waiting in-line inside the client.
/// </summary>
public sealed class DeliveryConnector(
    IHttpClientFactory http,
    IAccessTokenProvider tokens,
    IOptions<ConnectorOptions> options,
    IServiceUrlTrust trust,
    TimeProvider time,
    ILogger<ConnectorClient> logger)
{
    // The HttpClient configured by AddBotConnector (timeout, pooled handler), registered under the interface's name.
    public IConnectorClient Client { get; } = new ConnectorClient(http.CreateClient(nameof(IConnectorClient)), tokens, SingleAttempt(options.Value), trust, time, logger);

    private static ConnectorOptions SingleAttempt(ConnectorOptions o) => new()
    {
        MaxAttempts = 1,
        BaseDelay = o.BaseDelay,
        MaxDelay = o.MaxDelay,
        MaxRetryAfter = o.MaxRetryAfter,
        AttemptTimeout = o.AttemptTimeout,
        TrustedHosts = o.TrustedHosts,
        AllowInsecureTrustedHttp = o.AllowInsecureTrustedHttp,
    };
}

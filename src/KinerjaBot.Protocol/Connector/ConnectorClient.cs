using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KinerjaBot.Protocol.Activities;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// Bot Connector REST client: escapes ids into the path, attaches the bearer token only for trusted
/// service URLs, and retries throttling and gateway failures with backoff (see <see cref="ConnectorOptions"/>).
/// Meant to be a typed <see cref="HttpClient"/> client; see <see cref="ConnectorServiceCollectionExtensions"/>.
/// </summary>
public sealed partial class ConnectorClient : IConnectorClient
{

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly ConnectorOptions _options;
    private readonly IServiceUrlTrust _trust;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(
        HttpClient http, IAccessTokenProvider tokens, ConnectorOptions options, IServiceUrlTrust trust, TimeProvider time, ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_http, _tokens, _options, _trust, _time, _logger) = (http, tokens, options, trust, time, logger);
    }

    /// <inheritdoc />
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct)
    {
        var serviceBase = ConnectorUris.ParseServiceUrl(serviceUrl);
        var uri = ConnectorUris.Activities(serviceBase, conversationId, activityId: null);
        return CallAsync("SendToConversation", HttpMethod.Post, serviceUrl, serviceBase, uri, Body(activity), ProtocolJsonContext.Default.ResourceResponse, ct);
    }

    /// <inheritdoc />
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct)
    {
        var serviceBase = ConnectorUris.ParseServiceUrl(serviceUrl);
        var uri = ConnectorUris.Activities(serviceBase, conversationId, replyToId);
        return CallAsync("ReplyToActivity", HttpMethod.Post, serviceUrl, serviceBase, uri, Body(activity), ProtocolJsonContext.Default.ResourceResponse, ct);
    }

    /// <inheritdoc />
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct)
    {
        var serviceBase = ConnectorUris.ParseServiceUrl(serviceUrl);
        var uri = ConnectorUris.Activities(serviceBase, conversationId, activityId);
        return CallAsync("UpdateActivity", HttpMethod.Put, serviceUrl, serviceBase, uri, Body(activity), ProtocolJsonContext.Default.ResourceResponse, ct);
    }

    /// <inheritdoc />
    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        var serviceBase = ConnectorUris.ParseServiceUrl(serviceUrl);
        var uri = ConnectorUris.Activities(serviceBase, conversationId, activityId);
        await SendWithRetriesAsync("DeleteActivity", HttpMethod.Delete, serviceUrl, serviceBase, uri, body: null, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var serviceBase = ConnectorUris.ParseServiceUrl(serviceUrl);
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, ProtocolJsonContext.Default.ConversationParameters);
        return CallAsync("CreateConversation", HttpMethod.Post, serviceUrl, serviceBase, ConnectorUris.Conversations(serviceBase), body, ProtocolJsonContext.Default.ConversationResourceResponse, ct);
    }

    // Serialised once, so every retry sends byte-identical content.
    private static byte[] Body(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
    }

    private async Task<T> CallAsync<T>(
        string operation, HttpMethod method, string serviceUrl, Uri serviceBase, Uri uri, byte[] body, JsonTypeInfo<T> responseType, CancellationToken ct)
        where T : class, new()
    {
        var json = await SendWithRetriesAsync(operation, method, serviceUrl, serviceBase, uri, body, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(json))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(json, responseType) ?? new T();
        }
        catch (JsonException ex)
        {
            // The call succeeded; throwing here would make a caller with a queue send the message again.
            Log.UnreadableResponse(_logger, operation, serviceBase.Host, ex);
            return new T();
        }
    }
}

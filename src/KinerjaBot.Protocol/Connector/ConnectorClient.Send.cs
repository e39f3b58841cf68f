using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Connector;

public sealed partial class ConnectorClient
{
    /// <summary>Sends one call with the retry policy; returns the success body or throws <see cref="ConnectorException"/>.</summary>
    private async Task<string> SendWithRetriesAsync(
        string operation, HttpMethod method, string serviceUrl, Uri serviceBase, Uri uri, byte[]? body, CancellationToken ct)
    {
        var host = serviceBase.Host;
        var useToken = _tokens.IsConfigured;
        if (useToken && !await ServiceUrlPolicy.MayReceiveTokenAsync(serviceBase, serviceUrl, _options, _trust, ct).ConfigureAwait(false))
        {
            Log.UntrustedServiceUrl(_logger, host, serviceBase.Scheme);
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            Log.Sending(_logger, operation, host, attempt, maxAttempts);

            // Asked for on every attempt: MSAL serves it from its cache, and renews it when a long
            // Retry-After has let it expire.
            var token = useToken ? await _tokens.GetTokenAsync(ct).ConfigureAwait(false) : null;
            using var request = CreateRequest(method, uri, body, token);

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex, ct))
            {
                if (attempt >= maxAttempts)
                {
                    Log.Failed(_logger, operation, host, 0, null, attempt);
                    throw new ConnectorException(
                        $"Connector {operation} got no response after {attempt} attempt(s).", 0, null, null, isTransient: true, ex);
                }

                var backoff = RetryTiming.Backoff(attempt, _options, Random.Shared.NextDouble());
                Log.RetryingAfterTransportFailure(_logger, operation, host, backoff, attempt, maxAttempts, ex);
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                continue;
            }

            TimeSpan delay;
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return text;
                }

                var status = (int)response.StatusCode;
                var transient = RetryTiming.IsRetryable(response.StatusCode);
                var retryAfter = RetryTiming.RetryAfter(response, _time.GetUtcNow());
                var waitTooLong = transient && retryAfter > _options.MaxRetryAfter;
                if (waitTooLong && attempt < maxAttempts)
                {
                    Log.RetryAfterTooLong(_logger, operation, host, retryAfter!.Value, _options.MaxRetryAfter);
                }

                if (!transient || attempt >= maxAttempts || waitTooLong)
                {
                    var (code, message) = ConnectorErrorParser.Parse(text);
                    Log.Failed(_logger, operation, host, status, code, attempt);
                    var detail = string.Join(": ", new[] { code, message }.Where(s => !string.IsNullOrEmpty(s)));
                    throw new ConnectorException(
                        $"Connector {operation} failed with {status} after {attempt} attempt(s). {detail}".TrimEnd(), status, code, retryAfter, transient);
                }

                delay = retryAfter ?? RetryTiming.Backoff(attempt, _options, Random.Shared.NextDouble());
                Log.RetryingAfterStatus(_logger, operation, host, status, delay, attempt, maxAttempts);
            }

            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, byte[]? body, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    // HttpClient.Timeout surfaces as a cancellation the caller did not ask for; treat it like a network failure.
    private static bool IsTransportFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested);
}

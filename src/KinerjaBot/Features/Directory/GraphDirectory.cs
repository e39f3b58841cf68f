using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Features.Reminders;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.OrgDirectory;

public enum ManagerLookup
{
    /// <summary>Graph named the user's manager.</summary>
    Found,

    /// <summary>The user exists and has no manager (Graph answers 404 for the manager, "by design").</summary>
    NoManager,

    /// <summary>The user itself is gone from the directory (404 on the user).</summary>
    UserRemoved,

    /// <summary>Still throttled after every allowed attempt: stop this run, the next one continues.</summary>
    Throttled,

    /// <summary>Any other failure (403, 5xx, network): this employee is left as it is.</summary>
    Failed,
}

public sealed record ManagerResult(ManagerLookup Outcome, string? ManagerAadObjectId, string? Detail);

/// <summary>
/// The Graph reads the directory sync needs (PROTOCOL.md §6), app-only with the bot's own credentials
/// (<see cref="GraphTokenSource"/>) against the configured Graph root (<c>Reminders:Graph:BaseUrl</c>).
/// Throttling (429) and 503 are retried after Retry-After, bounded by <see cref="DirectorySyncOptions.MaxRetryAfter"/>.
/// </summary>
public sealed class GraphDirectory(HttpClient http, GraphTokenSource tokens, IOptions<ReminderOptions> graph, IOptions<DirectorySyncOptions> options, TimeProvider time)
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Total time spent waiting on Retry-After by this instance (reported with the run).</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>How many responses were 429/503 and retried or given up on.</summary>
    public int ThrottledResponses { get; private set; }

    public async Task<ManagerResult> ManagerOfAsync(string aadObjectId, CancellationToken ct)
    {
        var root = graph.Value.Graph.BaseUrl.TrimEnd('/');
        var user = Uri.EscapeDataString(aadObjectId);
        try
        {
            using (var manager = await GetAsync($"{root}/users/{user}/manager?$select=id", ct))
            {
                if (manager is null)
                {
                    return new ManagerResult(ManagerLookup.Throttled, null, "manager: throttled");
                }

                if (manager.IsSuccessStatusCode)
                {
                    var id = JsonNode.Parse(await manager.Content.ReadAsStringAsync(ct))?["id"]?.GetValue<string>();
                    return string.IsNullOrWhiteSpace(id)
                        ? new ManagerResult(ManagerLookup.Failed, null, "manager without id")
                        : new ManagerResult(ManagerLookup.Found, id, null);
                }

                if (manager.StatusCode != HttpStatusCode.NotFound)
                {
                    return new ManagerResult(ManagerLookup.Failed, null, $"manager: {(int)manager.StatusCode}");
                }
            }

            // 404 means "no manager" and "no such user" alike; asking for the user tells them apart.
            using var self = await GetAsync($"{root}/users/{user}?$select=id", ct);
            return self switch
            {
                null => new ManagerResult(ManagerLookup.Throttled, null, "user: throttled"),
                { IsSuccessStatusCode: true } => new ManagerResult(ManagerLookup.NoManager, null, null),
                { StatusCode: HttpStatusCode.NotFound } => new ManagerResult(ManagerLookup.UserRemoved, null, null),
                _ => new ManagerResult(ManagerLookup.Failed, null, $"user: {(int)self.StatusCode}"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException
                                       || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new ManagerResult(ManagerLookup.Failed, null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>The response, or null when still throttled after the allowed attempts.</summary>
    private async Task<HttpResponseMessage?> GetAsync(string url, CancellationToken ct)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (await tokens.GetTokenAsync(ct) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request, ct);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return response;
            }

            ThrottledResponses++;
            var wait = RetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
            response.Dispose();
            if (attempt >= o.MaxAttempts)
            {
                return null;
            }

            wait = wait > o.MaxRetryAfter ? o.MaxRetryAfter : wait;
            Waited += wait;
            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>Retry-After as seconds or a date; without one, a short default.</summary>
    internal static TimeSpan RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) =>
        header?.Delta is { } delta ? delta
        : header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero)
        : DefaultRetryAfter;
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Tests.Support;

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string ConversationId, string? ActivityId, JsonObject Body)
{
    public string? Text => Body["text"]?.GetValue<string>();

    /// <summary>The first Adaptive Card attachment's content, if any.</summary>
    public JsonObject? Card => Body["attachments"]?.AsArray().FirstOrDefault()?["content"] as JsonObject;

    /// <summary>All text on the card (TextBlocks, facts, action titles), for assertions that read like the user's view.</summary>
    public string CardText => Card is null ? "" : CardTexts.Flatten(Card);
}

/// <summary>
/// A Bot Connector on real HTTP (127.0.0.1, random port) that records every activity the bot sends or
/// updates, answers with ids, and can be told to fail the next calls with a status.
/// </summary>
public sealed partial class StandInConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string? Body)> _failures = new();
    private int _nextId;

    private StandInConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    public static async Task<StandInConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new StandInConnector(app);
        app.MapMethods("/v3/conversations/{conversationId}/activities/{activityId?}", ["POST", "PUT", "DELETE"], connector.HandleAsync);
        app.MapPost("/v3/conversations", async (HttpContext http) =>
        {
            var id = "a:created-" + Interlocked.Increment(ref connector._nextId);
            await http.Response.WriteAsJsonAsync(new { id });
        });
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.First() + "/";
        return connector;
    }

    /// <summary>The next <paramref name="count"/> calls fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, string? retryAfter = null, string? body = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfter, body));
        }
    }

    private async Task HandleAsync(HttpContext http, string conversationId, string? activityId)
    {
        if (await InjectFaultAsync(http, Uri.UnescapeDataString(conversationId)))
        {
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            http.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await http.Response.WriteAsync(failure.Body ?? "{\"error\":{\"code\":\"Throttled\",\"message\":\"try later\"}}");
            return;
        }

        var body = http.Request.Method == "DELETE" ? [] : (JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync()) as JsonObject ?? []);
        if (AlreadyDelivered(http.Request.Method, body) is { } earlier)
        {
            await http.Response.WriteAsJsonAsync(new { id = earlier });
            return;
        }

        var id = http.Request.Method == "PUT" ? activityId! : "msg-" + Interlocked.Increment(ref _nextId);
        _calls.Enqueue(new ConnectorCall(http.Request.Method, http.Request.Path, Uri.UnescapeDataString(conversationId), activityId, body));
        Delivered(http.Request.Method, body, id);
        await http.Response.WriteAsJsonAsync(new { id });
    }

    /// <summary>Waits until <paramref name="predicate"/> holds over the calls so far (delivery is asynchronous).</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<IReadOnlyList<ConnectorCall>, bool> predicate, string what, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var calls = Calls;
            if (predicate(calls))
            {
                return calls;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}. Calls so far:\n" +
            string.Join("\n", Calls.Select(c => $"{c.Method} {c.ConversationId} {c.Text}{c.CardText}")));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class CardTexts
{
    public static string Flatten(JsonNode node)
    {
        var parts = new List<string>();
        Walk(node, parts);
        return string.Join(" | ", parts);
    }

    private static void Walk(JsonNode? node, List<string> parts)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "text", "title", "value" })
                {
                    if (o[key] is JsonValue v && v.TryGetValue(out string? s))
                    {
                        parts.Add(s);
                    }
                }

                foreach (var (k, child) in o)
                {
                    if (k is not "text" and not "title" and not "value")
                    {
                        Walk(child, parts);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, parts);
                }

                break;
        }
    }

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

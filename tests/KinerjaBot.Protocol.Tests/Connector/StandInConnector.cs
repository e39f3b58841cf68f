using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Tests.Connector;

/// <summary>What the stand-in connector received, with the request target exactly as it came over the wire.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ContentType, string Body);

/// <summary>A response the stand-in gives to the next request.</summary>
internal sealed record ScriptedResponse(int Status, string? Body = null, string? RetryAfter = null);

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an OS-chosen port, standing in for the Bot Connector:
/// it records every request and answers from a script, then with 200 <c>{"id":"default-id"}</c>.
/// Real HTTP (not a fake handler) is what proves the path escaping survives HttpClient and the wire.
/// </summary>
internal sealed class StandInConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _received = new();

    private StandInConnector(WebApplication app) => _app = app;

    /// <summary>The service URL of the stand-in, with a path like Teams' regional ones.</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Received => [.. _received];

    public static async Task<StandInConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new StandInConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.Single() + "/amer/";
        return connector;
    }

    public StandInConnector Then(int status, string? body = null, string? retryAfter = null)
    {
        _script.Enqueue(new ScriptedResponse(status, body, retryAfter));
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        _received.Enqueue(new RecordedRequest(
            context.Request.Method, rawTarget, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType, body));

        var response = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(200, """{"id":"default-id"}""");
        context.Response.StatusCode = response.Status;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

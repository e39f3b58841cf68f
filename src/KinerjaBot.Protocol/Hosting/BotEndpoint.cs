using System.Security.Claims;
using System.Text.Json;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Authentication;
using KinerjaBot.Protocol.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Hosting;

/// <summary>Handles one authenticated activity; the default is the <see cref="BotRouter"/>, an app may wrap it.</summary>
public interface IBotTurnHandler
{
    /// <returns>The invoke response for invokes; null otherwise.</returns>
    Task<InvokeResponse?> HandleAsync(TurnContext turn);
}

/// <summary>Maps <c>POST /api/messages</c>: check the token, read within the size limit, parse, bind the token to the activity, route, answer.</summary>
public static class BotEndpoint
{
    /// <summary>Teams messages are at most ~100 KB; anything far larger is not a real activity.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BotEndpoint));

        // The token first: a request without a valid one is refused before a byte of its body is read or parsed.
        var validator = services.GetRequiredService<BotTokenValidator>();
        var token = await validator.CheckTokenAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, http.RequestAborted)
            .ConfigureAwait(false);
        if (!token.Passed || (token.IsAnonymous && !IsLoopbackConnection(http)))
        {
            Refuse(http, logger, token.FailureReason);
            return;
        }

        var (activity, status) = await ReadActivityAsync(http).ConfigureAwait(false);
        if (activity is null)
        {
            http.Response.StatusCode = status;
            return;
        }

        var auth = await validator.BindAsync(token, activity, http.RequestAborted).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            Refuse(http, logger, auth.FailureReason);
            return;
        }

        var turn = new TurnContext(activity, services, auth.Identity ?? new ClaimsIdentity(), http.RequestAborted);
        var handler = services.GetRequiredService<IBotTurnHandler>();
        InvokeResponse? response;
        try
        {
            response = await handler.HandleAsync(turn).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            // Universal Actions: HTTP 200, the outcome is in the body's statusCode.
            http.Response.StatusCode = StatusCodes.Status200OK;
            await http.Response.WriteAsJsonAsync(
                response ?? InvokeResponse.Error(501, "NotImplemented", "No handler answered this invoke."),
                ProtocolJsonContext.Default.InvokeResponse,
                cancellationToken: http.RequestAborted).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static void Refuse(HttpContext http, ILogger logger, string? reason)
    {
        Log.Unauthorized(logger, reason ?? "anonymous request over a non-loopback connection");
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    private static async Task<(Activity? Activity, int Status)> ReadActivityAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var activity = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ProtocolJsonContext.Default.Activity);
            return activity is null || string.IsNullOrWhiteSpace(activity.Type)
                ? (null, StatusCodes.Status400BadRequest)
                : (activity, StatusCodes.Status200OK);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // A repeated property name inside a JsonObject (card data) surfaces as ArgumentException.
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    private static bool IsLoopbackConnection(HttpContext http)
    {
        var local = http.Connection.LocalIpAddress;
        var remote = http.Connection.RemoteIpAddress;
        // The in-memory test server has no addresses; it cannot be reached from the network either.
        return (local is null || System.Net.IPAddress.IsLoopback(local)) && (remote is null || System.Net.IPAddress.IsLoopback(remote));
    }
}

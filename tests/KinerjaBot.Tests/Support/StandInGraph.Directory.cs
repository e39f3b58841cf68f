using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KinerjaBot.Tests.Support;

/// <summary>
/// The directory part: <c>GET /users/{id}</c> and <c>GET /users/{id}/manager</c> as Graph answers them. A person
/// exists once added (with or without a manager; none = 404 on the manager, as Graph does), and any of their
/// calls can be throttled (429 with Retry-After) a number of times.
/// </summary>
public sealed partial class StandInGraph
{
    private readonly ConcurrentDictionary<string, string?> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Times, string RetryAfter)> _throttled = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds someone to the directory, with their manager's object id (null = no manager).</summary>
    public void AddPerson(string aadObjectId, string? managerAadObjectId = null) => _people[aadObjectId] = managerAadObjectId;

    /// <summary>Deletes someone from the directory: every call about them answers 404.</summary>
    public void RemovePerson(string aadObjectId) => _people.TryRemove(aadObjectId, out _);

    /// <summary>The next <paramref name="times"/> calls about the person answer 429 with this Retry-After (seconds).</summary>
    public void Throttle(string aadObjectId, int times, int retryAfterSeconds) =>
        _throttled[aadObjectId] = (times, retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    private void MapDirectory(WebApplication app)
    {
        app.MapGet("/v1.0/users/{user}/manager", ManagerAsync);
        app.MapGet("/v1.0/users/{user}", UserAsync);
    }

    private IResult ManagerAsync(HttpContext http, string user)
    {
        _calls.Enqueue($"GET /users/{user}/manager");
        if (Throttled(http, user) is { } throttled)
        {
            return throttled;
        }

        return _people.TryGetValue(user, out var manager) && manager is not null
            ? Results.Json(new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = manager })
            : Error(404, "Request_ResourceNotFound");
    }

    private IResult UserAsync(HttpContext http, string user)
    {
        _calls.Enqueue($"GET /users/{user}");
        if (Throttled(http, user) is { } throttled)
        {
            return throttled;
        }

        return _people.ContainsKey(user) ? Results.Json(new JsonObject { ["id"] = user }) : Error(404, "Request_ResourceNotFound");
    }

    private IResult? Throttled(HttpContext http, string user)
    {
        while (_throttled.TryGetValue(user, out var state) && state.Times > 0)
        {
            if (_throttled.TryUpdate(user, (state.Times - 1, state.RetryAfter), state))
            {
                http.Response.Headers.RetryAfter = state.RetryAfter;
                return Error(429, "TooManyRequests");
            }
        }

        return null;
    }
}

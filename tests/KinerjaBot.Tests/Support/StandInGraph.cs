using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Tests.Support;

/// <summary>
/// The few Microsoft Graph calls that install the app for a user and find their chat with the bot, on
/// real HTTP (127.0.0.1). Users are unknown (404) unless added; each can be made to refuse (403) or to
/// have the app installed already (409 on install).
/// </summary>
public sealed partial class StandInGraph : IAsyncDisposable
{
    public const string CatalogAppId = "catalog-app-1";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _calls = new();

    private StandInGraph(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>"POST /users/{id}/teamwork/installedApps" and so on, in order.</summary>
    public IReadOnlyList<string> Calls => _calls.ToList();

    public static string ChatIdOf(string aadObjectId) => $"19:{aadObjectId}_bot@unq.gbl.spaces";

    public void AddUser(string aadObjectId, bool alreadyInstalled = false, bool refuse = false) =>
        _users[aadObjectId] = new UserState { Installed = alreadyInstalled, Refuse = refuse };

    public static async Task<StandInGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new StandInGraph(app);
        app.MapPost("/v1.0/users/{user}/teamwork/installedApps", graph.InstallAsync);
        app.MapGet("/v1.0/users/{user}/teamwork/installedApps", graph.ListAsync);
        app.MapGet("/v1.0/users/{user}/teamwork/installedApps/{installation}/chat", graph.ChatAsync);
        graph.MapDirectory(app);
        await app.StartAsync();
        graph.BaseUrl = app.Urls.First() + "/v1.0";
        return graph;
    }

    private async Task<IResult> InstallAsync(HttpContext http, string user)
    {
        _calls.Enqueue($"POST /users/{user}/teamwork/installedApps");
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync());
        if (body?["teamsApp@odata.bind"]?.GetValue<string>() is not { } bind || !bind.EndsWith("/appCatalogs/teamsApps/" + CatalogAppId, StringComparison.Ordinal))
        {
            return Error(400, "BadRequest");
        }

        if (Refusal(user) is { } refused)
        {
            return refused;
        }

        var state = _users[user];
        if (state.Installed)
        {
            return Error(409, "Conflict");
        }

        state.Installed = true;
        return Results.StatusCode(201);
    }

    private IResult ListAsync(HttpContext http, string user)
    {
        _calls.Enqueue($"GET /users/{user}/teamwork/installedApps{http.Request.QueryString}");
        if (Refusal(user) is { } refused)
        {
            return refused;
        }

        var filter = http.Request.Query["$filter"].ToString();
        var installed = _users[user].Installed && filter == $"teamsApp/id eq '{CatalogAppId}'" && http.Request.Query["$expand"] == "teamsApp";
        var value = new JsonArray();
        if (installed)
        {
            value.Add(new JsonObject { ["id"] = "inst-" + user, ["teamsApp"] = new JsonObject { ["id"] = CatalogAppId } });
        }

        return Results.Json(new JsonObject { ["value"] = value });
    }

    private IResult ChatAsync(string user, string installation)
    {
        _calls.Enqueue($"GET /users/{user}/teamwork/installedApps/{installation}/chat");
        if (Refusal(user) is { } refused)
        {
            return refused;
        }

        return installation == "inst-" + user && _users[user].Installed
            ? Results.Json(new JsonObject { ["id"] = ChatIdOf(user) })
            : Error(404, "NotFound");
    }

    private IResult? Refusal(string user) =>
        !_users.TryGetValue(user, out var state) ? Error(404, "Request_ResourceNotFound")
        : state.Refuse ? Error(403, "Forbidden")
        : null;

    private static IResult Error(int status, string code) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = code } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class UserState
    {
        public bool Installed { get; set; }
        public bool Refuse { get; set; }
    }
}

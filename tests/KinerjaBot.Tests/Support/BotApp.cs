using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Data;
using KinerjaBot.Demo;
using KinerjaBot.Protocol.Activities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Tests.Support;

/// <summary>
/// The real bot on real HTTP (Kestrel on 127.0.0.1) with a SQLite file, the demo organisation, and a
/// stand-in connector that records what the bot sends. Each scenario gets its own.
/// </summary>
public sealed class BotApp : IAsyncDisposable
{
    /// <summary>Monday 23 November 2026, 10:00 WIB: a working day.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    private readonly Factory _factory;
    private readonly string _folder;

    private readonly bool _ownsFolder;

    private BotApp(Factory factory, StandInConnector connector, string folder, ShiftedTimeProvider time, bool ownsFolder)
    {
        _ownsFolder = ownsFolder;
        _factory = factory;
        Connector = connector;
        _folder = folder;
        Time = time;
        Http = factory.CreateClient();
    }

    public StandInConnector Connector { get; }
    public ShiftedTimeProvider Time { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _factory.Services;
    public string DatabasePath => Path.Combine(_folder, "kinerjabot.db");

    /// <summary>With authentication on (<see cref="AuthenticatedBot"/>): mints the Bot Connector token each request carries.</summary>
    public Func<Activity, string>? Tokens { get; set; }

    /// <summary>The division head (rater of Budi, Siti and Agus).</summary>
    public static TestUser Rina => new("198003152005011002", "Rina Marlina");
    public static TestUser Budi => new("199001012015031001", "Budi Santoso");
    public static TestUser Siti => new("199205122019032002", "Siti Nurhaliza");
    public static TestUser Hendra => new("197204101998031005", "Hendra Gunawan");
    public static TestUser Stranger => new("000000000000000000", "Tamu") { AadOverride = "99999999-9999-9999-9999-999999999999" };

    public static async Task<BotApp> StartAsync(Dictionary<string, string?>? settings = null, string? folder = null, Action<IServiceCollection>? services = null)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("kinerjabot-test-").FullName;
        var connector = await StandInConnector.StartAsync();
        var time = new ShiftedTimeProvider(DefaultNow);
        var factory = new Factory(folder, time, settings ?? [], services);
        factory.UseKestrel(0);
        factory.StartServer();
        return new BotApp(factory, connector, folder, time, ownsFolder);
    }

    public KinerjaDbContext NewDb() => Services.CreateScope().ServiceProvider.GetRequiredService<KinerjaDbContext>();

    public Activity Message(TestUser user, string text, string? locale = "id-ID") => Base(user, ActivityTypes.Message, locale, a => a.Text = text);

    public Activity Invoke(TestUser user, string verb, JsonObject? data = null, string? replyToId = null) => Base(user, ActivityTypes.Invoke, "id-ID", a =>
    {
        a.Name = InvokeNames.AdaptiveCardAction;
        a.ReplyToId = replyToId;
        a.Value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data?.DeepClone() ?? new JsonObject() }, ["trigger"] = "manual" };
    });

    public Activity Base(TestUser user, string type, string? locale, Action<Activity> configure)
    {
        var activity = new Activity
        {
            Type = type,
            Id = "act-" + Guid.NewGuid().ToString("N"),
            ServiceUrl = Connector.ServiceUrl,
            ChannelId = "msteams",
            From = new ChannelAccount { Id = user.TeamsId, Name = user.Name, AadObjectId = user.Aad },
            Recipient = new ChannelAccount { Id = "28:kinerjabot", Name = "KinerjaBot" },
            Conversation = new ConversationAccount { Id = user.ConversationId, ConversationType = "personal", TenantId = "tenant-1" },
            Locale = locale,
            LocalTimezone = "Asia/Jakarta",
        };
        configure(activity);
        return activity;
    }

    public async Task<HttpResponseMessage> PostAsync(Activity activity, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(ProtocolJson.Serialize(activity), System.Text.Encoding.UTF8, "application/json"),
        };
        bearerToken ??= Tokens?.Invoke(activity);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new("Bearer", bearerToken);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Posts a message and checks it was accepted.</summary>
    public async Task SayAsync(TestUser user, string text, string? locale = "id-ID")
    {
        using var response = await PostAsync(Message(user, text, locale));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Posts an Action.Execute invoke and returns the invoke response body.</summary>
    public async Task<InvokeResult> ExecuteAsync(TestUser user, string verb, JsonObject? data = null, string? replyToId = null)
    {
        using var response = await PostAsync(Invoke(user, verb, data, replyToId));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new InvokeResult(body);
    }

    /// <summary>Messages and card updates delivered to one user so far.</summary>
    public IReadOnlyList<ConnectorCall> To(TestUser user) => Connector.Calls.Where(c => c.ConversationId == user.ConversationId).ToList();

    /// <summary>Waits until <paramref name="user"/> got a matching call; returns the calls to that user so far (never another person's).</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(TestUser user, Func<ConnectorCall, bool> predicate, string what) =>
        (await Connector.WaitForAsync(calls => calls.Any(c => c.ConversationId == user.ConversationId && predicate(c)), what))
            .Where(c => c.ConversationId == user.ConversationId).ToList();

    /// <summary>Introduces a user to the bot (as installing it does), so proactive messages can reach them.</summary>
    public async Task InstallAsync(TestUser user)
    {
        using var response = await PostAsync(Base(user, ActivityTypes.InstallationUpdate, "id-ID", a => a.Action = InstallationActions.Add));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await WaitForAsync(user, c => c.Card is not null, $"welcome card for {user.Name}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (_ownsFolder)
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private sealed class Factory(string folder, ShiftedTimeProvider time, Dictionary<string, string?> settings, Action<IServiceCollection>? overrides) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // "Environment" in the settings runs the host as deployed (AuthenticatedBot: Production).
            builder.UseEnvironment(settings.GetValueOrDefault("Environment") ?? "Testing");
            var config = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataDirectory"] = folder,
                ["Demo:Seed"] = "true",
                ["Bot:DangerouslyAllowUnauthenticatedRequests"] = "true",
                ["Bot:AuthType"] = "None",
                ["Delivery:PollInterval"] = "00:00:00.200",
                ["Delivery:RetryBaseDelay"] = "00:00:00.100",
                // Scenarios decide when reminders are planned (ReminderPlanner.PlanOnceAsync), not a background timer.
                ["Reminders:Enabled"] = "false",
            };
            foreach (var (k, v) in settings)
            {
                config[k] = v;
            }

            foreach (var (k, v) in config)
            {
                builder.UseSetting(k, v);
            }

            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
                overrides?.Invoke(services);
            });
        }
    }
}

/// <summary>A Teams user in a scenario; demo employees' Entra ids derive from their NIP.</summary>
public sealed record TestUser(string Nip, string Name)
{
    public string? AadOverride { get; init; }
    public string Aad => AadOverride ?? DemoSeeder.AadObjectIdOf(Nip);
    public string TeamsId => "29:" + Aad;
    public string ConversationId => "a:" + Aad;
}

/// <summary>An invoke response body: <c>{statusCode, type, value}</c>.</summary>
public sealed record InvokeResult(JsonObject Body)
{
    public int StatusCode => Body["statusCode"]?.GetValue<int>() ?? 200;
    public string? Type => Body["type"]?.GetValue<string>();
    public JsonObject? Card => Type == ContentTypes.AdaptiveCard ? Body["value"] as JsonObject : null;
    public string CardText => Card is null ? Body["value"]?.ToJsonString() ?? "" : CardTexts.Flatten(Card);

    /// <summary>The data of the card's action with <paramref name="verb"/> (searching show-cards too).</summary>
    public JsonObject DataOf(string verb) => CardActions.DataOf(Card ?? throw new Xunit.Sdk.XunitException("no card: " + Body.ToJsonString()), verb);
}

public static class CardActions
{
    public static JsonObject DataOf(JsonNode card, string verb) =>
        Find(card, verb)?["data"]?.DeepClone() as JsonObject ?? throw new Xunit.Sdk.XunitException($"no action '{verb}' on card {card.ToJsonString()}");

    public static bool Has(JsonNode? card, string verb) => card is not null && Find(card, verb) is not null;

    private static JsonObject? Find(JsonNode? node, string verb) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb && o["data"] is not null => o,
        JsonObject o => o.Where(p => p.Key != "refresh").Select(p => Find(p.Value, verb)).FirstOrDefault(f => f is not null),
        JsonArray a => a.Select(n => Find(n, verb)).FirstOrDefault(f => f is not null),
        _ => null,
    };
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace KinerjaBot.Bench;

/// <summary>One inbound activity the generator posted.</summary>
public sealed record Sent(string ActivityId, long StartedAt, double HttpMs, int Status);

/// <summary>
/// Posts Teams message activities as the Teams service does: one personal conversation per simulated
/// user, channel msteams, the tenant, from.aadObjectId, and a clientInfo entity with locale id-ID and
/// the user's time zone. Each user logs progress the way people do in chat: a sentence, then "ya" to
/// confirm the card the bot answered with (the entry is stored on the confirmation).
/// </summary>
public sealed class LoadGenerator(HttpClient http, string botUrl, string serviceUrl)
{
    public const string TenantId = "72f988bf-0000-4000-8000-00000000b0b0";

    private static readonly string[] Sentences =
    [
        "progres: 3 dari 5 laporan selesai",
        "lapor 2 laporan pengaduan selesai hari ini",
        "progres 4 laporan",
        "selesai 1 dari 2 laporan pengaduan",
    ];

    private long _sequence;

    public ConcurrentQueue<Sent> Log { get; } = new();

    /// <summary>
    /// <paramref name="concurrency"/> requests in flight: each worker posts its next message as soon as the
    /// previous one was answered, until <paramref name="maxMessages"/> were posted or <paramref name="maxTime"/>
    /// passed. A worker speaks for one user at a time (a sentence, then "ya") and then moves on to another of
    /// <paramref name="users"/>, so no conversation gets more than a person would type.
    /// </summary>
    public async Task<TimeSpan> RunAsync(IReadOnlyList<SimUser> users, int concurrency, int maxMessages, TimeSpan maxTime)
    {
        var posted = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var step = 0;
            while (clock.Elapsed < maxTime && Interlocked.Increment(ref posted) <= maxMessages)
            {
                var round = step / 2;
                var user = users[(w + round * concurrency) % users.Count];
                var text = step % 2 == 0 ? Sentences[round % Sentences.Length] : "ya";
                await PostAsync(user, text);
                step++;
            }
        })).ToList();
        await Task.WhenAll(workers);
        return clock.Elapsed;
    }

    public async Task<Sent> PostAsync(SimUser user, string text)
    {
        var id = "bench-" + Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var body = MessageJson(user, id, text);
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(botUrl + "/api/messages", content);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = (int)HttpStatusCode.RequestTimeout;
        }

        var sent = new Sent(id, started, Stopwatch.GetElapsedTime(started).TotalMilliseconds, status);
        Log.Enqueue(sent);
        return sent;
    }

    private string MessageJson(SimUser user, string id, string text)
    {
        var now = DateTimeOffset.UtcNow;
        var activity = new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["id"] = id,
            ["timestamp"] = now,
            ["localTimestamp"] = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone)),
            ["localTimezone"] = user.TimeZone,
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new { id = user.UserId, name = "Pegawai " + user.Index, aadObjectId = user.Aad },
            ["conversation"] = new { conversationType = "personal", tenantId = TenantId, id = user.ConversationId },
            ["recipient"] = new { id = "28:kinerjabot", name = "KinerjaBot" },
            ["textFormat"] = "plain",
            ["locale"] = "id-ID",
            ["text"] = text,
            ["entities"] = new object[] { new { locale = "id-ID", country = "ID", platform = "Web", timezone = user.TimeZone, type = "clientInfo" } },
            ["channelData"] = new { tenant = new { id = TenantId } },
        };
        return JsonSerializer.Serialize(activity);
    }
}

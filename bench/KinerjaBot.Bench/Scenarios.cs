using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Features.Reminders;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KinerjaBot.Bench;

/// <summary>The scenarios of bench/run.sh; each starts its own bot process on its own database.</summary>
public sealed class Scenarios(string botDll, string artifacts, Report report, bool quick, int latencyMs) : IAsyncDisposable
{
    private const string AdminKey = "bench-admin-key-0123456789abcdefghijklmnop";

    private static readonly int[] Levels = [1, 8, 32];

    /// <summary>The bot's send limit where the stand-in enforces none.</summary>
    private const int UnlimitedPerSecond = 5_000;

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private StandInConnector? _connector;

    private string BotFolder => Path.GetDirectoryName(botDll)!;

    private async Task<StandInConnector> ConnectorAsync()
    {
        _connector ??= await StandInConnector.StartAsync();
        _connector.Reset();
        _connector.LatencyMs = latencyMs;
        _connector.Inject429Rate = 0;
        _connector.GlobalPerSecond = 0;
        _connector.PerConversationPerSecond = 0;
        return _connector;
    }

    private static void Say(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

    /// <summary>Settings of the bot (environment of its process) and of the in-process host (same keys).</summary>
    private static Dictionary<string, string> Settings(string folder, string? postgres, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Database:DataDirectory"] = folder,
            ["Bot:AuthType"] = "None",
            ["Bot:DangerouslyAllowUnauthenticatedRequests"] = "true",
            ["Demo:Seed"] = "false",
            ["Admin:ApiKey"] = AdminKey,
            // The scenarios decide when reminders are planned; the bot's own timer stays off.
            ["Reminders:Enabled"] = "false",
        };
        if (postgres is not null)
        {
            settings["Database:ConnectionString"] = postgres;
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            settings[k] = v;
        }

        return settings;
    }

    private static string NewFolder(string name) => Directory.CreateTempSubdirectory($"kinerjabot-bench-{name}-").FullName;

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private Task<BotProcess> StartBotAsync(Dictionary<string, string> settings, string name) =>
        BotProcess.StartAsync(botDll, settings, Path.Combine(artifacts, name + ".log"));

    // ---------------------------------------------------------------- load

    /// <summary>
    /// Users log progress at concurrency 1, 8 and 32 (each user: a sentence, then "ya"); on SQLite, or on a
    /// fresh database of the PostgreSQL server <paramref name="postgres"/>.
    /// </summary>
    public async Task LoadAsync(string name, double inject429, (int Global, int PerConversation)? limits, string? postgres = null)
    {
        string? database = null;
        if (postgres is not null)
        {
            (postgres, database) = await CreatePostgresDatabaseAsync(postgres);
        }

        try
        {
            var connector = await ConnectorAsync();
            var folder = NewFolder(name);
            // Staff only (heads of unit get review cards too, which is another workload).
            var users = Enumerable.Range(0, 1_000).Where(i => i % Seeder.UnitSize != 0).Take(512).Select(Seeder.UserOf).ToList();
            // The bot's own send limit follows the stand-in's: Teams' 50/s per tenant where the stand-in enforces
            // it, and a limit the CPU does not reach where it enforces none (as a connector without Teams' limits).
            var botLimit = limits?.Global is > 0 ? 45 : UnlimitedPerSecond;
            var settings = Settings(folder, postgres, new Dictionary<string, string>
            {
                ["Delivery:GlobalPerSecond"] = botLimit.ToString(CultureInfo.InvariantCulture),
                ["Delivery:Concurrency"] = "64",
            });
            await using (var host = await AppHost.CreateAsync(BotFolder, settings))
            {
                await Seeder.SeedOrganisationAsync(host, quick ? 1_000 : 5_000, DateTime.UtcNow.Year, serviceUrl: null);
            }

            SqliteConnection.ClearAllPools();
            Say($"{name}: starting the bot");
            await using var bot = await StartBotAsync(settings, name);
            await Task.Delay(1000);
            var idle = bot.RssMiB();
            var generator = new LoadGenerator(_http, bot.Url, connector.ServiceUrl);

            // Warm-up (JIT and its tiering, pools, first conversation references), not measured.
            await generator.RunAsync(users, 8, quick ? 200 : 1_000, TimeSpan.FromSeconds(quick ? 30 : 90));
            await WaitRepliesAsync(connector, generator.Log.Where(s => s.Status == 200).Select(s => s.ActivityId).ToList(), TimeSpan.FromSeconds(60));

            connector.Inject429Rate = inject429;
            connector.GlobalPerSecond = limits?.Global ?? 0;
            connector.PerConversationPerSecond = limits?.PerConversation ?? 0;
            var budget = quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(60);
            foreach (var level in Levels)
            {
                var count = (quick ? new[] { 60, 240, 480 } : [300, 2_000, 4_000])[Array.IndexOf(Levels, level)];
                connector.Reset();
                generator = new LoadGenerator(_http, bot.Url, connector.ServiceUrl);
                var cpu0 = bot.CpuMs();
                Say($"{name}: concurrency {level}, up to {count} messages or {budget.TotalSeconds:F0} s");
                var elapsed = await generator.RunAsync(users, level, count, budget);
                var sent = generator.Log.ToList();
                var ok = sent.Where(s => s.Status == 200).ToList();
                var drainStart = Stopwatch.GetTimestamp();
                var drain = TimeSpan.FromSeconds(Math.Max(30, ok.Count / 40.0 * 1.5 + 15));
                await WaitRepliesAsync(connector, ok.Select(s => s.ActivityId).ToList(), drain);
                var cpu = bot.CpuMs() - cpu0;
                var e2e = ok.Select(s => connector.TryFirstReply(s.ActivityId, out var at) ? (at - s.StartedAt) * 1000.0 / Stopwatch.Frequency : double.NaN)
                    .Where(v => !double.IsNaN(v)).ToList();
                var missing = ok.Count - e2e.Count;
                var replySpan = connector.AcceptedTimestamps.Count > 1
                    ? (connector.AcceptedTimestamps.Max() - connector.AcceptedTimestamps.Min()) / (double)Stopwatch.Frequency
                    : double.NaN;
                var http = Percentiles.Of(sent.Select(s => s.HttpMs));
                var endToEnd = Percentiles.Of(e2e);
                var rate = ok.Count / elapsed.TotalSeconds;
                var replies = connector.Accepted / replySpan;
                var row = new Row(name, $"c={level}")
                    .Set("concurrency", level)
                    .Set("msgs", sent.Count, sent.Count.ToString(CultureInfo.InvariantCulture))
                    .Set("seconds", Percentiles.R(elapsed.TotalSeconds))
                    .Set("msgPerSec", Percentiles.R(rate), Percentiles.F(rate))
                    .Set("repliesPerSec", Percentiles.R(replies), Percentiles.F(replies))
                    .Set("http", http.Json, http.Short)
                    .Set("e2e", endToEnd.Json, endToEnd.Short)
                    .Set("errors", sent.Count - ok.Count, (sent.Count - ok.Count).ToString(CultureInfo.InvariantCulture))
                    .Set("missing", missing, missing.ToString(CultureInfo.InvariantCulture))
                    .Set("duplicates", connector.Duplicates, connector.Duplicates.ToString(CultureInfo.InvariantCulture))
                    .Set("connector429", connector.Injected429 + connector.RateLimited429)
                    .Set("cpuMsPerMsg", Percentiles.R(cpu / Math.Max(1, ok.Count)), Percentiles.F(cpu / Math.Max(1, ok.Count)))
                    .Set("rssIdleMiB", Percentiles.R(idle), Percentiles.F(idle))
                    .Set("rssPeakMiB", Percentiles.R(bot.PeakRssMiB()), Percentiles.F(bot.PeakRssMiB()))
                    .Set("drainSeconds", Percentiles.R(Stopwatch.GetElapsedTime(drainStart).TotalSeconds));
                var note = $"{connector.Injected429 + connector.RateLimited429} connector 429s; bot limit {botLimit}/s";
                row.Set("note", note, note);
                report.Add(row);
            }

            await bot.StopAsync();
            DeleteFolder(folder);
        }
        finally
        {
            if (database is not null)
            {
                await DropPostgresDatabaseAsync(postgres!, database);
            }
        }
    }

    private static async Task WaitRepliesAsync(StandInConnector connector, IReadOnlyList<string> ids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && ids.Any(id => !connector.TryFirstReply(id, out _)))
        {
            await Task.Delay(100);
        }
    }

    // ---------------------------------------------------------------- fan-out

    /// <summary>
    /// The daily-progress reminder due for every employee at once, planned by the app's ReminderPlanner and
    /// delivered by the bot's outbox under Teams' limits (50/s, 7/s per conversation) at the stand-in.
    /// </summary>
    public async Task FanOutAsync(bool killMidway)
    {
        var name = killMidway ? "fan-out+kill" : "fan-out";
        var employees = quick ? 1_000 : 10_000;
        var connector = await ConnectorAsync();
        var folder = NewFolder("fanout");
        var settings = Settings(folder, null, ReminderSettings(new Dictionary<string, string>
        {
            // Short enough that rows claimed by the killed process come back within the run (default 2 min).
            ["Delivery:Lease"] = "00:00:20",
        }));
        var configuredRate = 45;
        await using (var host = await AppHost.CreateAsync(BotFolder, settings))
        {
            await Seeder.SeedOrganisationAsync(host, employees, DateTime.UtcNow.Year, connector.ServiceUrl);
        }

        SqliteConnection.ClearAllPools();
        connector.GlobalPerSecond = 50;
        connector.PerConversationPerSecond = 7;
        var bot = await StartBotAsync(settings, name);
        var idle = bot.RssMiB();
        var cpuBefore = 0.0;
        double? peak = null;
        try
        {
            cpuBefore = bot.CpuMs();
            var started = Stopwatch.GetTimestamp();
            PlanResult planned;
            var planWatch = Stopwatch.StartNew();
            await using (var host = await AppHost.CreateAsync(BotFolder, settings))
            {
                await using var scope = host.Services.CreateAsyncScope();
                planned = await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanOnceAsync(WorkingMoment(host), CancellationToken.None);
            }

            planWatch.Stop();
            Say($"{name}: planned {planned.Total} reminders in {planWatch.Elapsed.TotalSeconds:F1} s (unreachable {planned.Unreachable})");
            var killed = false;
            var cpu = 0.0;
            var timeout = TimeSpan.FromSeconds(planned.Total / (double)configuredRate * 1.5 + 60);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < timeout && connector.DistinctConversations < planned.Total)
            {
                if (killMidway && !killed && connector.Accepted >= planned.Total / 2)
                {
                    Say($"{name}: SIGKILL at {connector.Accepted} delivered; restarting");
                    cpu += bot.CpuMs() - cpuBefore;
                    peak = bot.PeakRssMiB();
                    await bot.KillAsync();
                    await bot.DisposeAsync();
                    bot = await StartBotAsync(settings, name);
                    cpuBefore = bot.CpuMs();
                    killed = true;
                }

                await Task.Delay(100);
            }

            cpu += bot.CpuMs() - cpuBefore;
            var times = connector.AcceptedTimestamps.OrderBy(t => t).ToArray();
            var span = times.Length > 1 ? (times[^1] - times[0]) / (double)Stopwatch.Frequency : double.NaN;
            var total = times.Length > 0 ? (times[^1] - started) / (double)Stopwatch.Frequency : double.NaN;
            var rate = connector.DistinctConversations / span;
            var lost = planned.Total - connector.DistinctConversations;
            var rssPeak = Math.Max(peak ?? 0, bot.PeakRssMiB());
            var note = $"{planned.Total} planned in {planWatch.Elapsed.TotalSeconds:F1} s; {rate:F1}/s = {rate / configuredRate * 100:F0}% of the configured {configuredRate}/s"
                       + $" (stand-in limit 50/s); total {total:F0} s; {connector.RateLimited429} 429s" + (killMidway ? "; killed at 50%, restarted" : "");
            report.Add(new Row(name, $"{employees} employees")
                .Set("msgs", planned.Total, planned.Total.ToString(CultureInfo.InvariantCulture))
                .Set("planSeconds", Percentiles.R(planWatch.Elapsed.TotalSeconds))
                .Set("repliesPerSec", Percentiles.R(rate), Percentiles.F(rate))
                .Set("configuredPerSec", configuredRate)
                .Set("shareOfConfigured", Percentiles.R(rate / configuredRate))
                .Set("totalSeconds", Percentiles.R(total))
                .Set("missing", lost, lost.ToString(CultureInfo.InvariantCulture))
                .Set("duplicates", connector.Duplicates, connector.Duplicates.ToString(CultureInfo.InvariantCulture))
                .Set("connector429", connector.RateLimited429)
                .Set("cpuMsPerMsg", Percentiles.R(cpu / Math.Max(1, connector.Accepted)), Percentiles.F(cpu / Math.Max(1, connector.Accepted)))
                .Set("rssIdleMiB", Percentiles.R(idle), Percentiles.F(idle))
                .Set("rssPeakMiB", Percentiles.R(rssPeak), Percentiles.F(rssPeak))
                .Set("note", note, note));
        }
        finally
        {
            await bot.DisposeAsync();
            DeleteFolder(folder);
        }
    }

    /// <summary>Only the daily-progress rule, so "everyone" gets exactly one reminder.</summary>
    private static Dictionary<string, string> ReminderSettings(Dictionary<string, string> extra)
    {
        foreach (var rule in new[] { "MonthlyRealisation", "QuarterlyEvaluation", "SkpPlanning", "AnnualAppraisal", "FeedbackDue", "PendingApprovals" })
        {
            extra[$"Reminders:{rule}:Enabled"] = "false";
        }

        extra["Reminders:DailyProgress:Enabled"] = "true";
        extra["Reminders:DailyProgress:SendTime"] = "15:30";
        return extra;
    }

    /// <summary>
    /// The latest working day at 09:00 UTC that has passed: 16:00 WIB, 17:00 WITA, 18:00 WIT — after the send
    /// time, before quiet hours everywhere. (Not in the future: the planner queues rows not before that moment.)
    /// </summary>
    private static DateTimeOffset WorkingMoment(AppHost host)
    {
        var calendar = host.Services.GetRequiredService<ReminderCalendar>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-9));
        while (!calendar.Working.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
    }

    // ---------------------------------------------------------------- data scale

    /// <summary>An organisation with a year of daily progress: status and team cards, planning for everyone, CSV export.</summary>
    public async Task DataScaleAsync(string? postgres)
    {
        var provider = postgres is null ? "sqlite" : "postgres";
        var employees = quick ? 5_000 : 100_000;
        var connector = await ConnectorAsync();
        var folder = NewFolder("scale");
        string? database = null;
        if (postgres is not null)
        {
            (postgres, database) = await CreatePostgresDatabaseAsync(postgres);
        }

        try
        {
            var settings = Settings(folder, postgres, ReminderSettings([]));
            var seedWatch = Stopwatch.StartNew();
            long entries;
            await using (var host = await AppHost.CreateAsync(BotFolder, settings))
            {
                await Seeder.SeedOrganisationAsync(host, employees, DateTime.UtcNow.Year, connector.ServiceUrl, Say);
                Say($"scale/{provider}: a year of daily progress for {employees} employees");
                // Up to the day before the planning moment, so that everyone still owes that day's report.
                entries = await Seeder.SeedYearOfProgressAsync(host, DateOnly.FromDateTime(WorkingMoment(host).UtcDateTime));
            }

            SqliteConnection.ClearAllPools();
            Say($"scale/{provider}: seeded {employees} employees, {entries} entries in {seedWatch.Elapsed.TotalSeconds:F0} s");
            var detail = $"{provider}, {employees / 1000}k employees, {entries / 1_000_000.0:F1}M entries";
            var samples = quick ? 20 : 50;
            await using (var bot = await StartBotAsync(settings, "scale-" + provider))
            {
                var generator = new LoadGenerator(_http, bot.Url, connector.ServiceUrl);
                // Staff (no team) and heads of unit (a team of nine), different people for each sample.
                var step = employees / Seeder.UnitSize / (samples + 5);
                var staff = Enumerable.Range(0, samples + 5).Select(i => Seeder.UserOf(i * step * Seeder.UnitSize + 1)).ToList();
                var heads = Enumerable.Range(0, samples + 5).Select(i => Seeder.UserOf((i * step + 1) * Seeder.UnitSize)).ToList();
                foreach (var (card, users) in new[] { ("status card", staff), ("team card", heads) })
                {
                    var http = new List<double>();
                    var e2e = new List<double>();
                    var errors = 0;
                    for (var i = 0; i < users.Count; i++)
                    {
                        var sent = await generator.PostAsync(users[i], "status");
                        await WaitRepliesAsync(connector, [sent.ActivityId], TimeSpan.FromSeconds(30));
                        if (i < 5)
                        {
                            continue; // warm-up
                        }

                        errors += sent.Status == 200 ? 0 : 1;
                        http.Add(sent.HttpMs);
                        if (connector.TryFirstReply(sent.ActivityId, out var at))
                        {
                            e2e.Add((at - sent.StartedAt) * 1000.0 / Stopwatch.Frequency);
                        }
                    }

                    var h = Percentiles.Of(http);
                    var e = Percentiles.Of(e2e);
                    report.Add(new Row("scale: " + card, detail)
                        .Set("msgs", http.Count, http.Count.ToString(CultureInfo.InvariantCulture))
                        .Set("http", h.Json, h.Short)
                        .Set("e2e", e.Json, e.Short)
                        .Set("errors", errors, errors.ToString(CultureInfo.InvariantCulture))
                        .Set("missing", http.Count - e2e.Count, (http.Count - e2e.Count).ToString(CultureInfo.InvariantCulture))
                        .Set("rssPeakMiB", Percentiles.R(bot.PeakRssMiB()), Percentiles.F(bot.PeakRssMiB()))
                        .Set("note", "sequential, one user each", "sequential, one user each"));
                }

                await ExportAsync(bot, detail);
                await bot.StopAsync();
            }

            // Planning for everyone, with the bot stopped so the two do not share the cores.
            await using (var host = await AppHost.CreateAsync(BotFolder, settings))
            {
                var moment = WorkingMoment(host);
                var watch = Stopwatch.StartNew();
                await using var scope = host.Services.CreateAsyncScope();
                var planned = await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanOnceAsync(moment, CancellationToken.None);
                watch.Stop();
                var note = $"PlanOnceAsync: {planned.Total} reminders queued, {planned.Unreachable} unreachable, in {watch.Elapsed.TotalSeconds:F1} s";
                report.Add(new Row("scale: plan reminders for everyone", detail)
                    .Set("msgs", planned.Total, planned.Total.ToString(CultureInfo.InvariantCulture))
                    .Set("planSeconds", Percentiles.R(watch.Elapsed.TotalSeconds))
                    .Set("note", note, note));
            }
        }
        finally
        {
            DeleteFolder(folder);
            if (database is not null)
            {
                await DropPostgresDatabaseAsync(postgres!, database);
            }
        }
    }

    /// <summary>The CSV export of this year's progress (GET /admin/export/progress), if this build of the bot has it.</summary>
    private async Task ExportAsync(BotProcess bot, string detail)
    {
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, bot.Url + "/admin/export/progress?year=" + DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            report.Add(new Row("scale: CSV export", detail).Set("note", "n/a: no /admin/export/progress in this build", "n/a: no /admin/export/progress in this build"));
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var bytes = 0L;
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
        }

        watch.Stop();
        var note = $"HTTP {(int)response.StatusCode}, {bytes / 1048576.0:F1} MiB in {watch.Elapsed.TotalSeconds:F1} s";
        report.Add(new Row("scale: CSV export", detail)
            .Set("exportSeconds", Percentiles.R(watch.Elapsed.TotalSeconds))
            .Set("exportBytes", bytes)
            .Set("rssPeakMiB", Percentiles.R(bot.PeakRssMiB()), Percentiles.F(bot.PeakRssMiB()))
            .Set("note", note, note));
    }

    private static async Task<(string ConnectionString, string Database)> CreatePostgresDatabaseAsync(string server)
    {
        var database = "kinerjabot_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 3600 };
        return (builder.ConnectionString, database);
    }

    private static async Task DropPostgresDatabaseAsync(string connectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_connector is not null)
        {
            await _connector.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KinerjaBot.Data.Model;
using KinerjaBot.Tests.Support;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Delivery;

/// <summary>
/// The real bot as its own process (the Release build of KinerjaBot.dll, a SQLite file), killed with
/// SIGKILL in the middle of delivering, then started again: nothing is lost and nobody gets a message twice.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Killed_mid_dispatch_and_restarted_the_bot_loses_nothing_and_sends_nothing_twice()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var connector = await StandInConnector.StartAsync();
        connector.Latency = TimeSpan.FromMilliseconds(30);
        // The one window the outbox cannot close alone: the connector took a message, the bot died before
        // saving that. The resend carries the same activity id (the outbox key); the stand-in shows it is
        // a resend and does not deliver it twice, as an idempotent connector would.
        connector.DedupeByActivityId = true;

        var bot = BotProcess.Start(database, output);
        List<string> keys;
        try
        {
            await bot.WaitReadyAsync();
            await using (var db = database.NewContext())
            {
                keys = await DeliveryKit.QueueAsync(db, TimeProvider.System, connector.ServiceUrl, "crash", count: 300, conversations: 30);
            }

            await connector.WaitForAsync(calls => calls.Count >= 100, "a third of the messages delivered", timeoutMs: 60_000);
        }
        finally
        {
            bot.Kill();
        }

        var beforeKill = connector.DeliveredById.Count;
        output.WriteLine($"killed after {beforeKill} deliveries");
        Assert.True(beforeKill < 300, "the kill came mid-dispatch");

        var restarted = BotProcess.Start(database, output);
        try
        {
            await restarted.WaitReadyAsync();
            var rows = await DeliveryKit.SettledAsync(database.NewContext, keys, timeoutSeconds: 120);
            Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        }
        finally
        {
            restarted.Kill();
        }

        var tally = DeliveryKit.Tally(keys, connector.DeliveredById);
        var resent = connector.ResentById;
        output.WriteLine($"queued={keys.Count} delivered={tally.Delivered} lost={tally.Lost} duplicated={tally.Duplicated} " +
            $"resends absorbed by id={resent.Values.Sum()} (keys: {string.Join(", ", resent.Keys)})");
        Assert.Equal((keys.Count, 0, 0, 0), tally);
        // Only what was in flight at the kill can be resent: at most one batch's parallel sends.
        Assert.True(resent.Values.Sum() <= Concurrency, $"{resent.Values.Sum()} resends");
        Assert.All(resent.Values, n => Assert.Equal(1, n));
    }

    /// <summary>dotnet KinerjaBot.dll on a free loopback port, configured through the environment.</summary>
    private sealed class BotProcess
    {
        private readonly Process _process;
        private readonly Uri _base;
        private readonly ITestOutputHelper _output;

        private BotProcess(Process process, Uri baseUri, ITestOutputHelper output) => (_process, _base, _output) = (process, baseUri, output);

        public static BotProcess Start(TestDatabase database, ITestOutputHelper output)
        {
            var dll = Path.Combine(RepositoryRoot(), "src", "KinerjaBot", "bin", "Release", "net10.0", "KinerjaBot.dll");
            Assert.True(File.Exists(dll), $"build the app in Release first: {dll}");
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            var env = new Dictionary<string, string>
            {
                ["Urls"] = url,
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Database__Provider"] = database.Provider,
                ["Database__ConnectionString"] = database.ConnectionString,
                ["Demo__Seed"] = "false",
                ["Bot__DangerouslyAllowUnauthenticatedRequests"] = "true",
                ["Bot__AuthType"] = "None",
                ["Reminders__Enabled"] = "false",
                ["Delivery__Lease"] = "00:00:03",
                ["Delivery__PollInterval"] = "00:00:00.200",
                ["Delivery__GlobalPerSecond"] = "40",
                ["Delivery__Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Delivery__BatchSize"] = "50",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Echo(output, e.Data);
            process.ErrorDataReceived += (_, e) => Echo(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new BotProcess(process, new Uri(url), output);
        }

        public async Task WaitReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = _base, Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(_process.HasExited, $"the bot exited with {(_process.HasExited ? _process.ExitCode : 0)}");
                try
                {
                    using var response = await http.GetAsync("/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            throw new Xunit.Sdk.XunitException("the bot did not become ready");
        }

        /// <summary>SIGKILL: no shutdown, no flush, nothing finishes.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
            _output.WriteLine($"bot process {_process.Id} killed");
            _process.Dispose();
        }

        private static void Echo(ITestOutputHelper output, string? line)
        {
            if (!string.IsNullOrEmpty(line))
            {
                try
                {
                    output.WriteLine("[bot] " + line);
                }
                catch (InvalidOperationException)
                {
                    // The test has finished.
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KinerjaBot.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (KinerjaBot.sln) not found");
        }
    }
}

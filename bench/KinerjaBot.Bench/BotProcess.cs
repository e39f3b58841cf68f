using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KinerjaBot.Bench;

/// <summary>
/// The bot as a separate process from its Release build (<c>dotnet KinerjaBot.dll</c>), configured by
/// environment variables; CPU time and memory are read from <c>/proc/&lt;pid&gt;</c>.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private long _peakSampledKb;

    private BotProcess(Process process, string url, string log)
    {
        _process = process;
        Url = url;
        LogFile = log;
        _sampler = Task.Run(SampleAsync);
    }

    public string Url { get; }
    public string LogFile { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public static async Task<BotProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Urls"] = url;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bot = new BotProcess(process, url, logFile);
        await bot.WaitReadyAsync();
        return bot;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the bot exited with {_process.ExitCode}; see {LogFile}");
            }

            try
            {
                using var response = await http.GetAsync(Url + "/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting (migrating).
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the bot did not become ready; see {LogFile}");
    }

    /// <summary>User + system CPU time of the bot so far, in milliseconds (utime + stime of /proc/pid/stat).</summary>
    public double CpuMs()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // Fields after the command name (which may contain spaces) start at "state"; utime and stime are 14th and 15th overall.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>Current resident set (VmRSS), MiB.</summary>
    public double RssMiB() => StatusKb("VmRSS:") / 1024.0;

    /// <summary>Peak resident set over the process's life (VmHWM, or the highest sample if larger), MiB.</summary>
    public double PeakRssMiB() => Math.Max(StatusKb("VmHWM:"), Interlocked.Read(ref _peakSampledKb)) / 1024.0;

    private long StatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return 0;
    }

    private async Task SampleAsync()
    {
        while (!_sampling.IsCancellationRequested && !_process.HasExited)
        {
            var kb = StatusKb("VmRSS:");
            if (kb > Interlocked.Read(ref _peakSampledKb))
            {
                Interlocked.Exchange(ref _peakSampledKb, kb);
            }

            try
            {
                await Task.Delay(100, _sampling.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, the way a service manager stops it; SIGKILL after 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sampling.CancelAsync();
        await StopAsync();
        await _sampler;
        _process.Dispose();
        _sampling.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // sysconf(_SC_CLK_TCK) is 100 on every Linux we run on.
    private const double ClockTicksPerSecond = 100;
}

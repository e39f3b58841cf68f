using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Support;

/// <summary>dotnet KinerjaBot.dll on a free loopback port, configured through the environment.</summary>
public sealed class BotProcess
{
    private readonly Process _process;
    private readonly Uri _base;
    private readonly ITestOutputHelper _output;

    private BotProcess(Process process, Uri baseUri, ITestOutputHelper output) => (_process, _base, _output) = (process, baseUri, output);

    public static BotProcess Start(TestDatabase database, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null)
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
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

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

    /// <summary>Waits for the process to end on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
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

    public static int FreePort()
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

using KinerjaBot.Bench;

// bench/run.sh builds Release and runs this: dotnet KinerjaBot.Bench.dll [--quick] [--only a,b] [--bot path/KinerjaBot.dll]
var quick = args.Contains("--quick");
var only = ArgValue("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var repo = FindRepo();
var botDll = ArgValue("--bot") ?? Path.Combine(repo, "src", "KinerjaBot", "bin", "Release", "net10.0", "KinerjaBot.dll");
if (!File.Exists(botDll))
{
    Console.Error.WriteLine($"bench: {botDll} not found; build it first (bash bench/run.sh does)");
    return 2;
}

var artifacts = Path.Combine(repo, "artifacts", "bench");
Directory.CreateDirectory(artifacts);
var jsonl = Path.Combine(artifacts, $"results-{DateTime.UtcNow:yyyyMMdd-HHmmss}.jsonl");
var postgres = Environment.GetEnvironmentVariable("KINERJABOT_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("KINERJABOT_TEST_POSTGRES");
var latency = int.TryParse(ArgValue("--latency"), out var l) ? l : 20;

var report = new Report(jsonl);
var bench = new Scenarios(botDll, artifacts, report, quick, latency);
Console.WriteLine($"KinerjaBot bench ({(quick ? "quick" : "full")}) on {Environment.ProcessorCount} cores, {Environment.OSVersion}; connector latency {latency} ms");
Console.WriteLine($"bot: {botDll}; results: {jsonl}");
bool Run(string name) => only is null || only.Contains(name);
try
{
    if (Run("normal"))
    {
        await bench.LoadAsync("normal", inject429: 0, limits: null);
    }

    if (Run("429"))
    {
        await bench.LoadAsync("429s-10%", inject429: 0.10, limits: null);
    }

    if (Run("ratelimit"))
    {
        await bench.LoadAsync("rate-limited", inject429: 0, limits: (40, 5));
    }

    if (Run("normal-postgres"))
    {
        if (postgres is null)
        {
            report.Add(new Row("normal-postgres", "").Set("note", "skipped: set KINERJABOT_BENCH_POSTGRES", "skipped: set KINERJABOT_BENCH_POSTGRES"));
        }
        else
        {
            await bench.LoadAsync("normal-postgres", inject429: 0, limits: null, postgres);
        }
    }

    if (Run("fanout"))
    {
        await bench.FanOutAsync(killMidway: false);
    }

    if (Run("fanout-kill"))
    {
        await bench.FanOutAsync(killMidway: true);
    }

    if (Run("scale-sqlite"))
    {
        await bench.DataScaleAsync(postgres: null);
    }

    if (Run("scale-postgres"))
    {
        if (postgres is null)
        {
            report.Add(new Row("scale", "postgres").Set("note", "skipped: set KINERJABOT_BENCH_POSTGRES", "skipped: set KINERJABOT_BENCH_POSTGRES"));
        }
        else
        {
            await bench.DataScaleAsync(postgres);
        }
    }
}
finally
{
    await bench.DisposeAsync();
}

report.PrintTable();
return 0;

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "KinerjaBot.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

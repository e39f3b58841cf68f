using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KinerjaBot.Bench;

/// <summary>Latency percentiles of one series, in milliseconds.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max, int Count)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Length);
    }

    public string Short => Count == 0 ? "-" : $"{F(P50)}/{F(P95)}/{F(P99)}/{F(Max)}";

    public JsonObject Json => new() { ["p50"] = R(P50), ["p95"] = R(P95), ["p99"] = R(P99), ["max"] = R(Max), ["n"] = Count };

    internal static string F(double v) => double.IsNaN(v) ? "-" : v >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("F1", CultureInfo.InvariantCulture);

    internal static double? R(double v) => double.IsNaN(v) || double.IsInfinity(v) ? null : Math.Round(v, 2);
}

/// <summary>One row of the results: a table line and a JSON line.</summary>
public sealed class Row(string scenario, string detail)
{
    public string Scenario { get; } = scenario;
    public string Detail { get; } = detail;
    public JsonObject Json { get; } = new() { ["scenario"] = scenario, ["detail"] = detail };
    public Dictionary<string, string> Cells { get; } = [];

    public Row Set(string key, JsonNode? value, string? cell = null)
    {
        Json[key] = value;
        if (cell is not null)
        {
            Cells[key] = cell;
        }

        return this;
    }

    public string JsonLine => Json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}

/// <summary>Prints rows as they come (JSON) and all of them as a table at the end.</summary>
public sealed class Report(string? jsonlPath)
{
    private static readonly (string Key, string Title)[] Columns =
    [
        ("msgs", "msgs"), ("msgPerSec", "msg/s"), ("repliesPerSec", "replies/s"), ("http", "HTTP ms p50/95/99/max"),
        ("e2e", "end-to-end ms p50/95/99/max"), ("errors", "err"), ("missing", "lost"), ("duplicates", "dup"),
        ("cpuMsPerMsg", "CPU ms/msg"), ("rssIdleMiB", "RSS idle"), ("rssPeakMiB", "RSS peak"), ("note", "note"),
    ];

    private readonly List<Row> _rows = [];

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.WriteLine("BENCH " + row.JsonLine);
        if (jsonlPath is not null)
        {
            File.AppendAllText(jsonlPath, row.JsonLine + Environment.NewLine);
        }
    }

    public void PrintTable()
    {
        var headers = new[] { "scenario", "detail" }.Concat(Columns.Select(c => c.Title)).ToArray();
        var lines = _rows.Select(r => new[] { r.Scenario, r.Detail }.Concat(Columns.Select(c => r.Cells.GetValueOrDefault(c.Key, ""))).ToArray()).ToList();
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", headers) + " |");
        Console.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var line in lines)
        {
            Console.WriteLine("| " + string.Join(" | ", line) + " |");
        }
    }
}

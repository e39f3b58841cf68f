using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KinerjaBot.Tests.Support;

/// <summary>What tests/js/validate-cards.mjs reported for one card.</summary>
public sealed record CardReport(string Name, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reports of one <see cref="CardValidator.ValidateAll"/> call, by the names the caller gave.</summary>
public sealed class CardValidationResult
{
    internal CardValidationResult(IReadOnlyDictionary<string, CardReport> cards) => Cards = cards;

    public IReadOnlyDictionary<string, CardReport> Cards { get; }

    public bool IsValid => Cards.Values.All(c => c.IsValid);

    public IReadOnlyList<string> ErrorsFor(string name) => Cards[name].Errors;

    /// <summary>One line per error: "name: error".</summary>
    public string Describe() => string.Join('\n',
        Cards.Values.Where(c => !c.IsValid).SelectMany(c => c.Errors.Select(e => $"{c.Name}: {e}")));

    /// <summary>Fails the test with every error of every card.</summary>
    public void AssertValid()
    {
        if (!IsValid)
        {
            Assert.Fail($"Adaptive Card validation failed ({Cards.Values.Count(c => !c.IsValid)} of {Cards.Count} card(s)):\n{Describe()}");
        }
    }
}

/// <summary>
/// Validates Adaptive Cards with the official <c>adaptivecards</c> JS library plus our Teams checks
/// (version &lt;= 1.5, a verb on every Action.Execute, size &lt; 80 KB, ...) by running
/// <c>node tests/js/validate-cards.mjs</c> on a temporary directory. Needs Node.js and
/// <c>tests/js/node_modules</c> (<c>bash scripts/test.sh</c> installs both); without them it throws, so a
/// test never passes unchecked. <c>KINERJABOT_CARDCHECK_DIR</c> overrides where tests/js is,
/// <c>KINERJABOT_NODE</c> which node runs it.
/// </summary>
public static class CardValidator
{
    private const string Script = "validate-cards.mjs";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static CardValidationResult ValidateAll(IReadOnlyDictionary<string, JsonNode> cardsByName)
    {
        ArgumentNullException.ThrowIfNull(cardsByName);
        if (cardsByName.Count == 0)
        {
            throw new ArgumentException("no cards to validate", nameof(cardsByName));
        }

        var jsDir = FindJsDirectory();
        var node = FindNode();
        var dir = Directory.CreateTempSubdirectory("kinerjabot-cards-");
        try
        {
            var nameByFile = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var (name, card) in cardsByName)
            {
                var file = $"{index++:D4}-{Sanitize(name)}.json";
                nameByFile[file] = name;
                File.WriteAllText(Path.Combine(dir.FullName, file), card.ToJsonString(Compact), new UTF8Encoding(false));
            }

            var (exitCode, stdout, stderr) = Run(node, jsDir, Path.Combine(jsDir, Script), dir.FullName);
            if (exitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"{Script} failed (exit {exitCode}):\n{stderr}{stdout}");
            }

            var reports = new Dictionary<string, CardReport>(StringComparer.Ordinal);
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var doc = JsonDocument.Parse(line);
                var file = doc.RootElement.GetProperty("file").GetString() ?? "";
                if (!nameByFile.TryGetValue(file, out var name))
                {
                    throw new InvalidOperationException($"{Script} reported an unknown file {file}");
                }

                reports[name] = new CardReport(name, Strings(doc.RootElement, "errors"), Strings(doc.RootElement, "warnings"));
            }

            var missing = cardsByName.Keys.Where(k => !reports.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"{Script} did not report on {string.Join(", ", missing)}:\n{stderr}{stdout}");
            }

            return new CardValidationResult(cardsByName.Keys.ToDictionary(k => k, k => reports[k], StringComparer.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Validates one card; see <see cref="ValidateAll"/>.</summary>
    public static CardReport Validate(string name, JsonNode card) =>
        ValidateAll(new Dictionary<string, JsonNode>(StringComparer.Ordinal) { [name] = card }).Cards[name];

    private static string[] Strings(JsonElement root, string property) =>
        root.TryGetProperty(property, out var array)
            ? array.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
            : [];

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80).ToArray();
        return chars.Length == 0 ? "card" : new string(chars);
    }

    internal static string FindJsDirectory()
    {
        const string Fix = "run `bash scripts/test.sh` from the repository root (it installs Node.js and runs `npm ci` in tests/js), "
            + "or `npm ci` in tests/js yourself";
        var fromEnv = Environment.GetEnvironmentVariable("KINERJABOT_CARDCHECK_DIR");
        string jsDir;
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            jsDir = Path.GetFullPath(fromEnv);
        }
        else
        {
            var root = RepositoryRoot.Find()
                ?? throw new InvalidOperationException(
                    $"Adaptive Card validation: KinerjaBot.sln not found above {AppContext.BaseDirectory}; set KINERJABOT_CARDCHECK_DIR to the tests/js directory");
            jsDir = Path.Combine(root, "tests", "js");
        }

        if (!File.Exists(Path.Combine(jsDir, Script)))
        {
            throw new InvalidOperationException($"Adaptive Card validation: {Path.Combine(jsDir, Script)} not found");
        }

        if (!File.Exists(Path.Combine(jsDir, "node_modules", "adaptivecards", "package.json")))
        {
            throw new InvalidOperationException(
                $"Adaptive Card validation cannot run: {Path.Combine(jsDir, "node_modules")} is missing or incomplete; {Fix}.");
        }

        return jsDir;
    }

    internal static string FindNode()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KINERJABOT_NODE");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return File.Exists(fromEnv)
                ? fromEnv
                : throw new InvalidOperationException($"Adaptive Card validation: KINERJABOT_NODE={fromEnv} does not exist");
        }

        var exe = OperatingSystem.IsWindows() ? "node.exe" : "node";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Adaptive Card validation cannot run: Node.js (`node`) is not on PATH; run `bash scripts/test.sh` "
            + "from the repository root (it installs Node.js and the card checker), or set KINERJABOT_NODE.");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string node, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(node)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {node}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Script} did not finish within {Timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>The checkout's root: the nearest directory above the test binaries that holds KinerjaBot.sln.</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaBot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

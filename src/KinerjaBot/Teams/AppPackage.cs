using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KinerjaBot.Teams;

/// <summary>
/// Builds the Teams app package: the files of <c>manifest/</c> (embedded in this assembly) at the zip's
/// root, with the <c>${{TEAMS_APP_ID}}</c> and <c>${{BOT_ID}}</c> placeholders filled in.
/// </summary>
public static partial class AppPackage
{
    public const string ManifestFile = "manifest.json";
    private const string ResourcePrefix = "KinerjaBot.Teams.Manifest.";

    // Fixed entry times keep the zip byte-for-byte the same for the same configuration.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^\d{1,5}\.\d{1,5}\.\d{1,5}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$", RegexOptions.IgnoreCase)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"\$\{\{[A-Z_]+\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The package's file names, as they sit at the zip's root.</summary>
    public static IReadOnlyList<string> FileNames { get; } = typeof(AppPackage).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Problems with the configuration, one per line; empty when a package can be built.</summary>
    public static IReadOnlyList<string> Check(string? botAppId, TeamsAppOptions options)
    {
        var problems = new List<string>();
        if (!IsGuid(options.Id))
        {
            problems.Add($"TeamsApp:Id must be a GUID you choose once for the app (env TeamsApp__Id); it is '{options.Id}'");
        }

        if (!IsGuid(botAppId))
        {
            problems.Add($"Bot:AppId must be the Azure Bot's Microsoft App ID, a GUID (env Bot__AppId); it is '{botAppId}'");
        }

        if (!string.IsNullOrWhiteSpace(options.Version) && !VersionPattern().IsMatch(options.Version.Trim()))
        {
            problems.Add($"TeamsApp:Version must look like 1.0.0; it is '{options.Version}'");
        }

        if (!string.IsNullOrWhiteSpace(options.Domain) && !DomainPattern().IsMatch(options.Domain.Trim()))
        {
            problems.Add($"TeamsApp:Domain must be a host name such as kinerjabot.example.go.id (no https://, no path); it is '{options.Domain}'");
        }

        foreach (var (key, url) in new[] { ("WebsiteUrl", options.WebsiteUrl), ("PrivacyUrl", options.PrivacyUrl), ("TermsOfUseUrl", options.TermsOfUseUrl) })
        {
            // The manifest's own URLs are the project's placeholders: a government tenant would publish a privacy
            // page that is not its own, so the package is only built with the agency's pages.
            if (string.IsNullOrWhiteSpace(url))
            {
                problems.Add($"TeamsApp:{key} must be set to your agency's own page, an https URL (env TeamsApp__{key}); the manifest only holds a placeholder");
            }
            else if (!(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                problems.Add($"TeamsApp:{key} must be an https URL; it is '{url}'");
            }
        }

        return problems;
    }

    /// <summary>The manifest with the ids and the configured overrides filled in.</summary>
    public static JsonObject Manifest(string botAppId, TeamsAppOptions options)
    {
        ThrowIfInvalid(botAppId, options);
        var text = Fill(Encoding.UTF8.GetString(Read(ManifestFile)), botAppId, options);
        var doc = JsonNode.Parse(text)!.AsObject();
        if (!string.IsNullOrWhiteSpace(options.Version))
        {
            doc["version"] = options.Version.Trim();
        }

        doc["validDomains"] = string.IsNullOrWhiteSpace(options.Domain) ? new JsonArray() : new JsonArray(options.Domain.Trim().ToLowerInvariant());
        var developer = doc["developer"]!.AsObject();
        Override(developer, "name", options.DeveloperName);
        Override(developer, "websiteUrl", options.WebsiteUrl);
        Override(developer, "privacyUrl", options.PrivacyUrl);
        Override(developer, "termsOfUseUrl", options.TermsOfUseUrl);
        return doc;
    }

    /// <summary>Writes the zip: every file of the package at the root, nothing else.</summary>
    public static void Write(Stream output, string botAppId, TeamsAppOptions options)
    {
        var manifest = Manifest(botAppId, options);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var name in FileNames)
        {
            var bytes = name == ManifestFile
                ? Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                : name.EndsWith(".json", StringComparison.Ordinal)
                    ? Encoding.UTF8.GetBytes(Fill(Encoding.UTF8.GetString(Read(name)), botAppId, options))
                    : Read(name);
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            stream.Write(bytes);
        }
    }

    /// <summary>Writes the zip to a file, creating its folder.</summary>
    public static void WriteFile(string path, string botAppId, TeamsAppOptions options)
    {
        ThrowIfInvalid(botAppId, options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var file = File.Create(path);
        Write(file, botAppId, options);
    }

    private static void ThrowIfInvalid(string? botAppId, TeamsAppOptions options)
    {
        var problems = Check(botAppId, options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }

    private static string Fill(string text, string botAppId, TeamsAppOptions options)
    {
        var filled = text
            .Replace("${{TEAMS_APP_ID}}", Guid.Parse(options.Id!).ToString("D"), StringComparison.Ordinal)
            .Replace("${{BOT_ID}}", Guid.Parse(botAppId).ToString("D"), StringComparison.Ordinal);
        var left = Placeholder().Match(filled);
        return left.Success ? throw new InvalidOperationException($"manifest placeholder {left.Value} has no value") : filled;
    }

    private static void Override(JsonObject node, string property, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            node[property] = value.Trim();
        }
    }

    private static bool IsGuid(string? value) => Guid.TryParseExact(value?.Trim(), "D", out var guid) && guid != Guid.Empty;

    private static byte[] Read(string name)
    {
        using var stream = typeof(AppPackage).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"{name} is not embedded; is manifest/{name} missing?");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

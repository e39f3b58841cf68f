using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Localization;
using KinerjaBot.Teams;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace KinerjaBot.Tests.Teams;

/// <summary>The Teams app package as <c>dotnet run -- package</c> builds it from configuration.</summary>
public sealed class AppPackageTests : IDisposable
{
    private const string AppId = "6f1c2a53-0b7e-4d8a-9a51-3c2f7e0d9b14";
    private const string BotId = "a3e5d7c9-1b2f-4e6a-8c0d-2f4b6d8e0a1c";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kinerjabot-package-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static IConfiguration Config(params (string Key, string? Value)[] settings) =>
        // A later setting of the same key wins, as it would in layered configuration.
        new ConfigurationBuilder().AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value))).Build();

    private static IConfiguration Valid(params (string Key, string? Value)[] more) =>
        Config([("Bot:AppId", BotId), ("TeamsApp:Id", AppId), ("TeamsApp:Domain", "kinerjabot.tangerangselatankota.go.id"),
            ("TeamsApp:WebsiteUrl", "https://bkpsdm.tangerangselatankota.go.id/kinerjabot"), ("TeamsApp:PrivacyUrl", "https://bkpsdm.tangerangselatankota.go.id/privasi"),
            ("TeamsApp:TermsOfUseUrl", "https://bkpsdm.tangerangselatankota.go.id/ketentuan"), .. more]);

    private (int Code, string Out, string Err, string Zip) Package(IConfiguration config, string name = "kinerjabot.zip")
    {
        var zip = Path.Combine(_dir.FullName, "artifacts", name);
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = AppPackageCommand.Run(config, ["package", "--out", zip], output, error);
        return (code, output.ToString(), error.ToString(), zip);
    }

    private static Dictionary<string, byte[]> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static JsonObject Json(byte[] bytes) => JsonNode.Parse(bytes)!.AsObject();

    [Fact]
    public void Package_FromConfiguration_HoldsManifestIconsAndLocalizationAtTheRootOnly()
    {
        var (code, output, error, zip) = Package(Valid());

        Assert.True(code == 0, error);
        Assert.Contains("Teams app package written", output);
        var entries = Entries(zip);
        Assert.Equal(["color.png", "en.json", "manifest.json", "outline.png"], entries.Keys.Order(StringComparer.Ordinal));
        var manifest = Json(entries["manifest.json"]);
        Assert.Equal("color.png", (string?)manifest["icons"]!["color"]);
        Assert.Equal("outline.png", (string?)manifest["icons"]!["outline"]);
        Assert.Equal(["en.json"], manifest["localizationInfo"]!["additionalLanguages"]!.AsArray().Select(l => (string?)l!["file"]));
    }

    [Fact]
    public void Package_Ids_AreFilledFromConfigurationAndNoPlaceholderIsLeft()
    {
        var (code, _, error, zip) = Package(Valid(("TeamsApp:Version", "1.4.2"), ("TeamsApp:DeveloperName", "BKPSDM Kota Tangerang Selatan"),
            ("TeamsApp:PrivacyUrl", "https://bkpsdm.tangerangselatankota.go.id/privasi")));

        Assert.True(code == 0, error);
        var entries = Entries(zip);
        var manifest = Json(entries["manifest.json"]);
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(BotId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal("1.4.2", (string?)manifest["version"]);
        Assert.Equal(["kinerjabot.tangerangselatankota.go.id"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("BKPSDM Kota Tangerang Selatan", (string?)manifest["developer"]!["name"]);
        Assert.Equal("https://bkpsdm.tangerangselatankota.go.id/privasi", (string?)manifest["developer"]!["privacyUrl"]);
        foreach (var json in entries.Where(e => e.Key.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("${{", Encoding.UTF8.GetString(json.Value));
        }

        // The bot is only for personal chats: performance data is personal, and every card acts for the one person who sees it.
        Assert.Equal(["personal"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public void Package_SameConfigurationTwice_SameBytes()
    {
        var first = Package(Valid(), "a.zip");
        var second = Package(Valid(), "b.zip");

        Assert.Equal(0, first.Code + second.Code);
        Assert.Equal(File.ReadAllBytes(first.Zip), File.ReadAllBytes(second.Zip));
    }

    [Fact]
    public void Package_MissingOrMalformedIds_ExitsWithTheKeysToSetAndWritesNothing()
    {
        var missing = Package(Config(("Bot:AppId", "")));
        var malformed = Package(Config(("Bot:AppId", "not-a-guid"), ("TeamsApp:Id", AppId), ("TeamsApp:Domain", "https://host/api/messages"), ("TeamsApp:Version", "1.0")));

        Assert.Equal(1, missing.Code);
        Assert.Contains("TeamsApp:Id", missing.Err);
        Assert.Contains("Bot:AppId", missing.Err);
        Assert.Equal(1, malformed.Code);
        Assert.DoesNotContain("TeamsApp:Id", malformed.Err);
        Assert.Contains("Bot:AppId must be", malformed.Err);
        Assert.Contains("TeamsApp:Domain must be a host name", malformed.Err);
        Assert.Contains("TeamsApp:Version must look like 1.0.0", malformed.Err);
        Assert.False(File.Exists(missing.Zip));
        Assert.Equal(2, AppPackageCommand.Run(Valid(), ["package", "--output"], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void Package_WithTheManifestsPlaceholderPages_IsRefusedNamingEachKey()
    {
        var result = Package(Config(("Bot:AppId", BotId), ("TeamsApp:Id", AppId), ("TeamsApp:WebsiteUrl", "https://bkpsdm.tangerangselatankota.go.id/")));

        Assert.Equal(1, result.Code);
        Assert.DoesNotContain("TeamsApp:WebsiteUrl", result.Err);
        Assert.Contains("TeamsApp:PrivacyUrl must be set to your agency's own page", result.Err);
        Assert.Contains("TeamsApp__TermsOfUseUrl", result.Err);
        Assert.False(File.Exists(result.Zip));
    }

    [Fact]
    public void Package_RelativeOut_IsWrittenFromTheShellsDirectoryNotTheProjects()
    {
        var previous = Environment.GetEnvironmentVariable("PWD");
        Environment.SetEnvironmentVariable("PWD", _dir.FullName);
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, AppPackageCommand.Run(Valid(), ["package", "--out", "out/relative.zip"], output, TextWriter.Null));
            var expected = Path.Combine(_dir.FullName, "out", "relative.zip");
            Assert.True(File.Exists(expected));
            Assert.Contains(expected, output.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("PWD", previous);
        }
    }

    [Fact]
    public void Icons_ColourIs192AndOutlineIs32WhiteOnTransparent()
    {
        var (code, _, error, zip) = Package(Valid());
        Assert.True(code == 0, error);
        var entries = Entries(zip);

        var colour = Png.Decode(entries["color.png"]);
        var outline = Png.Decode(entries["outline.png"]);

        Assert.Equal((192, 192), (colour.Width, colour.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.True(outline.HasAlpha, "the outline icon needs an alpha channel to be transparent");
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline.Pixel(i % 32, i / 32)).ToList();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.Equal(0, outline.Pixel(0, 0).A);
        Assert.All(Enumerable.Range(0, 192), i => Assert.Equal(255, colour.Pixel(i, i).A));
    }

    [Fact]
    public void Manifest_AsBuilt_PassesTheOfficialSchemaOfItsVersion()
    {
        var (code, _, error, zip) = Package(Valid());
        Assert.True(code == 0, error);
        var unpacked = Path.Combine(_dir.FullName, "unpacked");
        ZipFile.ExtractToDirectory(zip, unpacked);

        var (exit, stdout, stderr) = NodeScript("validate-manifest.mjs", Path.Combine(unpacked, "manifest.json"));

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("VALID:", stdout);
        Assert.Contains("schema v1.25", stdout);
        Assert.DoesNotContain("WARNING", stdout); // icons and localization files were there, so they were checked too
    }

    [Fact]
    public void Manifest_ABrokenLocalizationFile_IsRejectedByTheValidator()
    {
        var (code, _, error, zip) = Package(Valid());
        Assert.True(code == 0, error);
        var unpacked = Path.Combine(_dir.FullName, "broken");
        ZipFile.ExtractToDirectory(zip, unpacked);
        var en = JsonNode.Parse(File.ReadAllText(Path.Combine(unpacked, "en.json")))!.AsObject();
        en["bots[0].commandLists[0].commands[11].title"] = "nothing here";
        en.Remove("description.short");
        File.WriteAllText(Path.Combine(unpacked, "en.json"), en.ToJsonString());

        var (exit, stdout, _) = NodeScript("validate-manifest.mjs", Path.Combine(unpacked, "manifest.json"));

        Assert.Equal(1, exit);
        Assert.Contains("translates nothing", stdout);
        Assert.Contains("description.short", stdout);
    }

    /// <summary>Every command in the Teams command menu, in both languages, is one the bot understands.</summary>
    [Fact]
    public async Task Commands_InBothLanguages_AreUnderstoodByTheBot()
    {
        var manifest = AppPackage.Manifest(BotId, Valid().GetSection(TeamsAppOptions.Section).Get<TeamsAppOptions>()!);
        var (_, _, _, zip) = Package(Valid());
        var english = Json(Entries(zip)["en.json"]);
        var commands = manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        var indonesianTitles = commands.Select(c => (string)c!["title"]!).ToList();
        var englishTitles = Enumerable.Range(0, commands.Count).Select(i => (string?)english[$"bots[0].commandLists[0].commands[{i}].title"]).ToList();
        Assert.Contains("lapor", indonesianTitles);
        Assert.Contains("minta umpan balik", indonesianTitles);
        Assert.Contains("penilaian", indonesianTitles);
        Assert.Contains("bantuan", indonesianTitles);
        Assert.Contains("tim", indonesianTitles);
        Assert.Contains("ringkasan unit", indonesianTitles);
        Assert.All(englishTitles, t => Assert.False(string.IsNullOrWhiteSpace(t), "every command has an English title"));

        // Each menu speaks one language: a description names commands of its own language only.
        var indonesianDescriptions = commands.Select(c => (string)c!["description"]!).ToList();
        var englishDescriptions = Enumerable.Range(0, commands.Count).Select(i => (string)english[$"bots[0].commandLists[0].commands[{i}].description"]!).ToList();
        var onlyEnglish = englishTitles.OfType<string>().Except(indonesianTitles).ToList();
        var onlyIndonesian = indonesianTitles.Except(englishTitles.OfType<string>()).ToList();
        static bool Names(string text, string title) =>
            System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(title)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.All(indonesianDescriptions, d => Assert.DoesNotContain(onlyEnglish, t => Names(d, t)));
        Assert.All(englishDescriptions, d => Assert.DoesNotContain(onlyIndonesian, t => Names(d, t)));

        await using var app = await BotApp.StartAsync();
        foreach (var (title, locale) in indonesianTitles.Select(t => (t, "id-ID")).Concat(englishTitles.Select(t => (t!, "en-US"))))
        {
            long before;
            await using (var db = app.NewDb())
            {
                before = await db.Outbox.MaxAsync(o => (long?)o.Id) ?? 0;
            }

            await app.SayAsync(BotApp.Rina, title, locale);

            await using (var db = app.NewDb())
            {
                var replies = await db.Outbox.Where(o => o.Id > before && o.ConversationId == BotApp.Rina.ConversationId && o.Kind == OutboxKind.Send).ToListAsync();
                Assert.True(replies.Count > 0, $"'{title}' got no reply");
                Assert.All(replies, r => Assert.False(IsNotUnderstood(r.ActivityJson), $"'{title}' was not understood"));
            }
        }
    }

    private static bool IsNotUnderstood(string activityJson)
    {
        var text = (string?)JsonNode.Parse(activityJson)?["text"] ?? "";
        return new[] { Texts.Indonesian, Texts.English }
            .Select(l => Texts.For(l).Format("Common.NotUnderstood", "\u0001").Split('\u0001')[^1])
            .Any(tail => text.EndsWith(tail, StringComparison.Ordinal));
    }

    private static (int Exit, string Stdout, string Stderr) NodeScript(string script, params string[] args)
    {
        var jsDir = CardValidator.FindJsDirectory();
        var psi = new ProcessStartInfo(CardValidator.FindNode())
        {
            WorkingDirectory = jsDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(jsDir, script));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A minimal PNG reader for the icon checks: 8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced.</summary>
internal sealed record Png(int Width, int Height, int Channels, byte[] Pixels)
{
    public bool HasAlpha => Channels is 2 or 4;

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var i = (y * Width + x) * Channels;
        return Channels switch
        {
            1 => (Pixels[i], Pixels[i], Pixels[i], 255),
            2 => (Pixels[i], Pixels[i], Pixels[i], Pixels[i + 1]),
            3 => (Pixels[i], Pixels[i + 1], Pixels[i + 2], 255),
            _ => (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]),
        };
    }

    public static Png Decode(byte[] file)
    {
        byte[] signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
        Assert.True(file.AsSpan(0, 8).SequenceEqual(signature), "not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < file.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            var type = Encoding.ASCII.GetString(file, pos + 4, 4);
            var data = file.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data);
                height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]); // bit depth
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, var t => throw new NotSupportedException($"PNG colour type {t}") };
                Assert.Equal(0, data[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        Assert.Equal((stride + 1) * height, raw.Length);
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                pixels[y * stride + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }

        return new Png(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

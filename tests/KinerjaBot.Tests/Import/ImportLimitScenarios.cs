using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Tests.Support;

namespace KinerjaBot.Tests.Import;

/// <summary>One size limit for imports, the one that answers, with a body that says it.</summary>
public sealed class ImportLimitScenarios
{
    private const string Key = "limit-admin-key-0123456789-0123456789";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_over_the_configured_limit_gets_413_naming_the_limit(bool announcedLength)
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Import:MaxBytes"] = "2048" });
        var csv = "code,name\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"U{i:000},Unit nomor {i}\n"));
        HttpContent content = announcedLength
            ? new StringContent(csv, Encoding.UTF8, "text/csv")
            : new StreamContent(new UnannouncedStream(Encoding.UTF8.GetBytes(csv)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/units?lang=en") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        if (!announcedLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("The file is too large (at most 0.0 MB, that is 2048 bytes). Split it into several files.", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_just_under_the_limit_is_imported()
    {
        await using var app = await BotApp.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Import:MaxBytes"] = "2048" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/units") { Content = new StringContent("code,name\nU1,Unit satu\n", Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A stream whose length is unknown, so the request goes out chunked, without Content-Length.</summary>
    private sealed class UnannouncedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

using System.Net;
using System.Net.Http.Headers;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Admin;

/// <summary>The state-changing admin endpoint (import) refuses every credential but the key, and changes nothing.</summary>
public sealed class AdminCredentialTests
{
    private const string Key = "admin-key-0123456789-0123456789-0123456789";

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer", "")]
    [InlineData("Bearer", "wrong-key")]
    [InlineData("Bearer", "admin-key-0123456789-0123456789-012345678")]
    [InlineData("Basic", Key)]
    [InlineData("bearer-ish", Key)]
    public async Task Import_without_the_key_is_refused_and_imports_nothing(string? scheme, string? value)
    {
        await using var app = await BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });
        int before;
        await using (var db = app.NewDb())
        {
            before = await db.Employees.CountAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/employees?key=" + Key)
        {
            Content = new StringContent("nip,nama\n111111111111111111,Penyusup\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        if (scheme is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", string.IsNullOrEmpty(value) ? scheme : $"{scheme} {value}");
        }

        using var response = await app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var after = app.NewDb();
        Assert.Equal(before, await after.Employees.CountAsync());
    }
}

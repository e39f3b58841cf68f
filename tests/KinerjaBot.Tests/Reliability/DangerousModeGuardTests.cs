using KinerjaBot.Tests.Support;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Reliability;

/// <summary>The real process: unauthenticated development mode must never serve the network.</summary>
public sealed class DangerousModeGuardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task UnauthenticatedMode_BoundToEveryInterface_StopsWithAFailureExitCode()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var bot = BotProcess.Start(database, output, new Dictionary<string, string>
        {
            ["Urls"] = $"http://0.0.0.0:{BotProcess.FreePort()}",
            ["Bot__DangerouslyAllowUnauthenticatedRequests"] = "true",
        });
        try
        {
            var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(180));

            output.WriteLine($"exit code {exitCode}");
            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            bot.Kill();
        }
    }
}

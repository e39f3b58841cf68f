using System.Text.RegularExpressions;
using KinerjaBot.Demo;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Teams;

/// <summary>The Agents Playground's mock users (.m365agentsplayground.yml) are people of the seeded demo organisation.</summary>
public sealed partial class PlaygroundConfigTests
{
    [GeneratedRegex(@"^\s*(?:- )?(?<key>id|name|aadObjectId|email|tenantId):\s*(?<value>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Field();

    private sealed record MockUser(string Name, string AadObjectId, string Email);

    [Fact]
    public async Task PlaygroundUsers_AreDemoEmployees_AndTheCurrentUserIsTheDemoUser()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, ".m365agentsplayground.yml"));
        var users = new List<MockUser>();
        string? name = null, aad = null;
        foreach (Match m in Field().Matches(text))
        {
            var (key, value) = (m.Groups["key"].Value, m.Groups["value"].Value.Trim('"'));
            switch (key)
            {
                case "tenantId":
                    Assert.True(Guid.TryParseExact(value, "D", out _), $"tenantId {value} is not a GUID");
                    break;
                case "name":
                    name = value;
                    break;
                case "aadObjectId":
                    aad = value;
                    break;
                case "email" when name is not null && aad is not null:
                    users.Add(new MockUser(name, aad, value));
                    (name, aad) = (null, null);
                    break;
            }
        }

        await using var app = await BotApp.StartAsync();
        await using var db = app.NewDb();
        var employees = await db.Employees.ToListAsync();

        Assert.True(users.Count >= 6, $"the Playground needs at least 5 users besides the current one; found {users.Count}");
        Assert.Equal(DemoSeeder.DemoUserAadObjectId, users[0].AadObjectId);
        Assert.All(users, u =>
        {
            var employee = employees.SingleOrDefault(e => e.AadObjectId == u.AadObjectId);
            Assert.True(employee is not null, $"{u.Name} ({u.AadObjectId}) is not in the demo organisation");
            Assert.Contains(u.Name, employee!.Name); // the seeded name carries academic titles
            Assert.Equal(employee.Email, u.Email);
        });
        Assert.Equal(users.Count, users.Select(u => u.AadObjectId).Distinct().Count());
    }
}

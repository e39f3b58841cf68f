using KinerjaBot.Features.Onboarding;
using KinerjaBot.Protocol.Routing;

namespace KinerjaBot.Tests.Understanding;

/// <summary>The message corpus (message-corpus.tsv) read the way the bot reads a message no command took.</summary>
public sealed class UnderstandingTests
{
    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Understanding", "message-corpus.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            data.Add(parts[0], parts[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Message_IsReadAsExpected(string message, string expected)
    {
        var (kind, command) = Features.Onboarding.Understanding.Read(MessageText.Normalize(message));

        var actual = kind switch
        {
            Guess.Greeting or Guess.Capabilities => "help",
            Guess.Command => "command:" + command,
            _ => "unknown",
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("status", "status", 0)]
    [InlineData("stauts", "status", 1)]
    [InlineData("bantuann", "bantuan", 1)]
    [InlineData("abc", "", 3)]
    [InlineData("", "lapor", 5)]
    [InlineData("lpaor", "lapor", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_CountsEditsAndNeighbourSwapsAsOne(string a, string b, int expected) =>
        Assert.Equal(expected, Features.Onboarding.Understanding.Distance(a, b));
}

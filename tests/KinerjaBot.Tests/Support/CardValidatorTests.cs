using System.Text.Json.Nodes;

namespace KinerjaBot.Tests.Support;

/// <summary>Self-test of <see cref="CardValidator"/> and tests/js/validate-cards.mjs on known cards.</summary>
public sealed class CardValidatorTests
{
    // One node run for all cards of this class.
    private static readonly Lazy<CardValidationResult> Result = new(() => CardValidator.ValidateAll(
        new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            ["good"] = Card("""
                {"type":"AdaptiveCard","version":"1.5","body":[
                  {"type":"TextBlock","text":"Selamat datang di KinerjaBot","wrap":true},
                  {"type":"Input.Text","id":"komentar","label":"Komentar"}],
                 "actions":[{"type":"Action.Execute","title":"Kirim","verb":"kpi.submit","data":{"x":1}}]}
                """),
            ["good attachment"] = Card("""
                {"contentType":"application/vnd.microsoft.card.adaptive",
                 "content":{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"Bantuan"}]}}
                """),
            ["version 1.6"] = Card("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x"}]}"""),
            ["missing verb"] = Card("""
                {"type":"AdaptiveCard","version":"1.5","body":[],
                 "actions":[{"type":"Action.Execute","title":"Kirim"}]}
                """),
            ["unknown element"] = Card("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlok","text":"x"}]}"""),
            ["name with / and spaces: ok?"] = Card("""{"type":"AdaptiveCard","version":"1.5","body":[]}"""),
        }));

    private static JsonNode Card(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void KnownGoodCards_Pass()
    {
        Assert.Empty(Result.Value.ErrorsFor("good"));
        Assert.Empty(Result.Value.ErrorsFor("good attachment"));
        Assert.Empty(Result.Value.ErrorsFor("name with / and spaces: ok?"));
    }

    [Fact]
    public void Version16_IsAnError() =>
        Assert.Contains(Result.Value.ErrorsFor("version 1.6"), e => e.Contains("\"version\" 1.6 is newer than 1.5", StringComparison.Ordinal));

    [Fact]
    public void ExecuteWithoutVerb_IsAnError() =>
        Assert.Contains(Result.Value.ErrorsFor("missing verb"), e => e.Contains("has no \"verb\"", StringComparison.Ordinal));

    [Fact]
    public void UnknownElementType_IsAnError() =>
        Assert.Contains(Result.Value.ErrorsFor("unknown element"), e => e.Contains("UnknownElementType", StringComparison.Ordinal));

    [Fact]
    public void Result_IsInvalid_AndDescribesEveryBadCard()
    {
        Assert.False(Result.Value.IsValid);
        var description = Result.Value.Describe();
        Assert.Contains("version 1.6: ", description, StringComparison.Ordinal);
        Assert.Contains("missing verb: ", description, StringComparison.Ordinal);
        Assert.Contains("unknown element: ", description, StringComparison.Ordinal);
        Assert.DoesNotContain("good: ", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SingleGoodCard_AssertValidPasses() =>
        CardValidator.ValidateAll(new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            ["help"] = Card("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Bantuan"}]}"""),
        }).AssertValid();
}

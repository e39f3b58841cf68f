using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

public sealed class TrustedServiceUrlsTests
{
    [Fact]
    public void IsTrusted_SameUrlWithoutTrailingSlashOrInOtherCase_True()
    {
        var trusted = new TrustedServiceUrls();
        trusted.Trust("https://smba.trafficmanager.net/apac/");

        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/apac"));
        Assert.True(trusted.IsTrusted("HTTPS://SMBA.trafficmanager.net/APAC/"));
    }

    [Fact]
    public void IsTrusted_OtherPathOnSameHost_False()
    {
        var trusted = new TrustedServiceUrls();
        trusted.Trust("https://smba.trafficmanager.net/apac/");

        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/amer/"));
        Assert.False(trusted.IsTrusted("not a url"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("smba.trafficmanager.net/apac/")]
    [InlineData("ftp://smba.trafficmanager.net/apac/")]
    public void Trust_NotAnHttpUrl_Throws(string value)
    {
        Assert.Throws<ArgumentException>(() => new TrustedServiceUrls().Trust(value));
    }
}

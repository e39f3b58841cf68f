using System.Collections.Concurrent;
using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

public sealed class TrustedServiceUrlsTests
{
    [Fact]
    public async Task IsTrusted_SameUrlWithoutTrailingSlashOrInOtherCase_True()
    {
        var trusted = new TrustedServiceUrls();
        await trusted.TrustAsync("https://smba.trafficmanager.net/apac/", CancellationToken.None);

        Assert.True(await trusted.IsTrustedAsync("https://smba.trafficmanager.net/apac", CancellationToken.None));
        Assert.True(await trusted.IsTrustedAsync("HTTPS://SMBA.trafficmanager.net/APAC/", CancellationToken.None));
    }

    [Fact]
    public async Task IsTrusted_OtherPathOnSameHost_False()
    {
        var trusted = new TrustedServiceUrls();
        await trusted.TrustAsync("https://smba.trafficmanager.net/apac/", CancellationToken.None);

        Assert.False(await trusted.IsTrustedAsync("https://smba.trafficmanager.net/amer/", CancellationToken.None));
        Assert.False(await trusted.IsTrustedAsync("not a url", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("smba.trafficmanager.net/apac/")]
    [InlineData("ftp://smba.trafficmanager.net/apac/")]
    public async Task Trust_NotAnHttpUrl_Throws(string value)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await new TrustedServiceUrls().TrustAsync(value, CancellationToken.None));
    }

    [Fact]
    public async Task IsTrusted_AfterRestartWithTheSameStore_OnlyWhatWasVouchedFor()
    {
        var store = new MemoryStore();
        var before = new TrustedServiceUrls(store);
        await before.TrustAsync("https://smba.trafficmanager.net/apac/", CancellationToken.None);

        // A new process (or another instance) over the same store.
        var after = new TrustedServiceUrls(store);

        Assert.True(await after.IsTrustedAsync("https://SMBA.trafficmanager.net/apac", CancellationToken.None));
        Assert.False(await after.IsTrustedAsync("https://smba.trafficmanager.net/amer/", CancellationToken.None));
        Assert.False(await after.IsTrustedAsync("https://attacker.example/apac/", CancellationToken.None));
    }

    [Fact]
    public async Task IsTrusted_VouchedOnAnotherInstanceAfterAMiss_True()
    {
        var store = new MemoryStore();
        var here = new TrustedServiceUrls(store);
        Assert.False(await here.IsTrustedAsync("https://smba.trafficmanager.net/emea/", CancellationToken.None));

        await new TrustedServiceUrls(store).TrustAsync("https://smba.trafficmanager.net/emea/", CancellationToken.None);

        Assert.True(await here.IsTrustedAsync("https://smba.trafficmanager.net/emea/", CancellationToken.None));
    }

    [Fact]
    public async Task Trust_StoreFails_NotTrustedAndTheFailureSurfaces()
    {
        var trusted = new TrustedServiceUrls(new MemoryStore { Broken = true });

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await trusted.TrustAsync("https://smba.trafficmanager.net/apac/", CancellationToken.None));

        Assert.False(await trusted.IsTrustedAsync("https://smba.trafficmanager.net/apac/", CancellationToken.None));
    }

    private sealed class MemoryStore : IVouchedServiceUrlStore
    {
        private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.Ordinal);

        public bool Broken { get; init; }

        public Task AddAsync(string serviceUrl, CancellationToken ct)
        {
            if (Broken)
            {
                throw new InvalidOperationException("database down");
            }

            _urls.TryAdd(serviceUrl, 0);
            return Task.CompletedTask;
        }

        public Task<bool> ContainsAsync(string serviceUrl, CancellationToken ct) => Task.FromResult(_urls.ContainsKey(serviceUrl));
    }
}

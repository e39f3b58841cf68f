using KinerjaBot.Protocol.Connector;
using Microsoft.Extensions.Logging.Abstractions;

namespace KinerjaBot.Protocol.Tests.Connector;

internal sealed class FakeTokenProvider(string token = "test-token") : IAccessTokenProvider
{
    public int Calls { get; private set; }

    public bool IsConfigured => true;

    public Task<string> GetTokenAsync(CancellationToken ct)
    {
        Calls++;
        return Task.FromResult(token);
    }
}

internal sealed class FakeServiceUrlTrust(bool trusted) : IServiceUrlTrust
{
    public List<string> Asked { get; } = [];

    public ValueTask<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct)
    {
        Asked.Add(serviceUrl);
        return ValueTask.FromResult(trusted);
    }
}

/// <summary>An in-process handler for cases that need an https host without a network (allow-listed hosts, transport failures).</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(respond(request, Requests.Count));
    }
}

internal static class Clients
{
    /// <summary>Fast retries so tests that really wait stay quick; trust tests override what they need.</summary>
    public static ConnectorOptions FastOptions() => new() { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    public static ConnectorClient Create(
        HttpMessageHandler? handler = null,
        IAccessTokenProvider? tokens = null,
        ConnectorOptions? options = null,
        IServiceUrlTrust? trust = null,
        TimeProvider? time = null) =>
        new(
            new HttpClient(handler ?? new SocketsHttpHandler()),
            tokens ?? new NoTokenProvider(),
            options ?? FastOptions(),
            trust ?? new FakeServiceUrlTrust(false),
            time ?? new SkippingTimeProvider(),
            NullLogger<ConnectorClient>.Instance);
}

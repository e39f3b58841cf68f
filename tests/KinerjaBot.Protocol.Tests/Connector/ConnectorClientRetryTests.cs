using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Connector;

namespace KinerjaBot.Protocol.Tests.Connector;

public sealed class ConnectorClientRetryTests
{
    private static readonly Activity Hello = new() { Text = "halo" };

    [Fact]
    public async Task Send_429WithRetryAfterThenSuccess_RetriesAfterThatDelay()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(429, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfter: "1").Then(201, """{"id":"ok"}""");
        var time = new SkippingTimeProvider();

        var result = await Clients.Create(time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(2, server.Received.Count);
        Assert.Equal([TimeSpan.FromSeconds(1)], time.Delays);
    }

    [Fact]
    public async Task Send_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        await using var server = await StandInConnector.StartAsync();
        var time = new SkippingTimeProvider();
        server.Then(503, retryAfter: time.GetUtcNow().AddSeconds(3).ToString("R")).Then(201, """{"id":"ok"}""");

        await Clients.Create(time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], time.Delays);
    }

    [Fact]
    public async Task Send_503TwiceThenSuccess_RetriesWithJitteredExponentialBackoff()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(503).Then(503).Then(201, """{"id":"ok"}""");
        var time = new SkippingTimeProvider();
        var options = new ConnectorOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(20) };

        var result = await Clients.Create(options: options, time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(3, server.Received.Count);
        Assert.Equal(2, time.Delays.Count);
        Assert.InRange(time.Delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(time.Delays[1], TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Send_412502504_AreRetried()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(412).Then(502).Then(504).Then(201, """{"id":"ok"}""");

        var result = await Clients.Create().SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(4, server.Received.Count);
    }

    [Fact]
    public async Task Send_404_ThrowsAtOnceWithoutRetry()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(404, """{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""");
        var time = new SkippingTimeProvider();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create(time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("ConversationNotFound", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Single(server.Received);
        Assert.Empty(time.Delays);
    }

    [Theory]
    [InlineData("""{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked"}}""")]
    [InlineData("""{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked","message":"blocked"}}""")]
    [InlineData("""{"error":{"code":"Forbidden","message":"Failed to send: subCode: MessageWritesBlocked"}}""")]
    public async Task Send_403MessageWritesBlocked_ParsesCodeWhereverItAppears(string body)
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(403, body);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create().SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal(ConnectorErrorCodes.MessageWritesBlocked, ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Send_400WithNonJsonBody_ThrowsWithoutCode()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(400, "<html>Bad Request</html>");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create().SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Equal(400, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains("Bad Request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Always429_ThrowsTransientAfterMaxAttempts()
    {
        await using var server = await StandInConnector.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            server.Then(429, retryAfter: "2");
        }

        var time = new SkippingTimeProvider();
        var options = new ConnectorOptions { MaxAttempts = 3 };

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create(options: options, time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal(3, server.Received.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], time.Delays);
    }

    [Fact]
    public async Task Send_RetryAfterBeyondMaxRetryAfter_ThrowsAtOnceForCallerToReschedule()
    {
        await using var server = await StandInConnector.StartAsync();
        server.Then(429, retryAfter: "600");
        var time = new SkippingTimeProvider();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create(time: time).SendToConversationAsync(server.ServiceUrl, "c", Hello, CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(600), ex.RetryAfter);
        Assert.Single(server.Received);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task Send_TransportFailureThenSuccess_Retries()
    {
        var handler = new StubHandler((_, n) => n == 1
            ? throw new HttpRequestException("connection reset")
            : new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new StringContent("""{"id":"ok"}""") });

        var result = await Clients.Create(handler).SendToConversationAsync("https://smba.trafficmanager.net/amer/", "c", Hello, CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_TransportFailureEveryAttempt_ThrowsTransientWithStatusZero()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("no route"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Clients.Create(handler).SendToConversationAsync("https://smba.trafficmanager.net/amer/", "c", Hello, CancellationToken.None));

        Assert.Equal(0, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_CallerCancels_ThrowsOperationCanceledWithoutRetry()
    {
        using var cts = new CancellationTokenSource();
        var handler = new StubHandler((_, _) =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Clients.Create(handler).SendToConversationAsync("https://smba.trafficmanager.net/amer/", "c", Hello, cts.Token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Backoff_GrowingAttempts_StaysWithinDoublingCapAndMaxDelay()
    {
        var options = new ConnectorOptions { BaseDelay = TimeSpan.FromSeconds(0.5), MaxDelay = TimeSpan.FromSeconds(20) };

        Assert.Equal(TimeSpan.FromSeconds(0.5), RetryTiming.Backoff(1, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryTiming.Backoff(3, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(20), RetryTiming.Backoff(10, options, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryTiming.Backoff(100, options, 0.5));
        Assert.Equal(TimeSpan.Zero, RetryTiming.Backoff(3, options, 0.0));
    }
}

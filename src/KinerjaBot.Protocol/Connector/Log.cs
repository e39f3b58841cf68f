using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// Connector client log events, EventIds 2000–2099. Only the host of a service URL is logged:
/// conversation and activity ids identify people.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Connector {Operation} to {Host}: attempt {Attempt} of {MaxAttempts}")]
    public static partial void Sending(ILogger logger, string operation, string host, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Connector {Operation} to {Host} answered {StatusCode}; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingAfterStatus(ILogger logger, string operation, string host, int statusCode, TimeSpan delay, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Connector {Operation} to {Host} got no response; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingAfterTransportFailure(ILogger logger, string operation, string host, TimeSpan delay, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Connector {Operation} to {Host} failed with {StatusCode} {ErrorCode} after {Attempts} attempt(s)")]
    public static partial void Failed(ILogger logger, string operation, string host, int statusCode, string? errorCode, int attempts);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Connector {Operation} to {Host} asked to wait {RetryAfter}, longer than the {MaxRetryAfter} waited in-line; leaving the retry to the caller")]
    public static partial void RetryAfterTooLong(ILogger logger, string operation, string host, TimeSpan retryAfter, TimeSpan maxRetryAfter);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Refused to send the bot's token to untrusted service URL host {Host} ({Scheme})")]
    public static partial void UntrustedServiceUrl(ILogger logger, string host, string scheme);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Connector {Operation} to {Host} succeeded but its response body could not be read")]
    public static partial void UnreadableResponse(ILogger logger, string operation, string host, Exception exception);
}

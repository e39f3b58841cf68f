namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// A connector call that failed for good: a status that retrying cannot fix, or a transient one
/// (<see cref="IsTransient"/>) that outlasted the retries.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(
        string message, int statusCode, string? errorCode, TimeSpan? retryAfter, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status of the last attempt; 0 when no response arrived (network failure or timeout).</summary>
    public int StatusCode { get; }

    /// <summary>
    /// The most specific code in the error body (<c>subCode</c> before <c>code</c>); see
    /// <see cref="ConnectorErrorCodes"/>.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>The server's last <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when trying again later may succeed (throttling, gateway errors, network failures).</summary>
    public bool IsTransient { get; }
}

/// <summary>Error codes with a meaning the caller acts on.</summary>
public static class ConnectorErrorCodes
{
    /// <summary>403: the user blocked or uninstalled the bot; sending again will not help.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    /// <summary>403: the user blocked the conversation with the bot.</summary>
    public const string ConversationBlockedByUser = "ConversationBlockedByUser";
}

namespace KinerjaBot.Protocol.Connector;

/// <summary>
/// Thrown before any request is made when a call would carry the bot's bearer token to a service
/// URL that is neither an allow-listed https host nor vouched for by <see cref="IServiceUrlTrust"/>.
/// A forged <c>serviceUrl</c> must never harvest the token.
/// </summary>
public sealed class UntrustedServiceUrlException : Exception
{
    public UntrustedServiceUrlException(string serviceUrl)
        : base($"Refusing to send the bot's token to the untrusted service URL '{serviceUrl}'.")
    {
        ServiceUrl = serviceUrl;
    }

    /// <summary>The service URL that was refused.</summary>
    public string ServiceUrl { get; }
}

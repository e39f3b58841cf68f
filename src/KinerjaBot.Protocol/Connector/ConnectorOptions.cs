namespace KinerjaBot.Protocol.Connector;

/// <summary>Retry and trust settings of <see cref="ConnectorClient"/>.</summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration sub-section (below the bot's section) these options bind from.</summary>
    public const string SectionName = "Connector";

    /// <summary>
    /// Hosts that may receive a bearer token over https. <c>name</c> matches that host only and
    /// <c>*.name</c> matches its subdomains. <c>smba.trafficmanager.net</c> is exact because
    /// <c>*.trafficmanager.net</c> is a namespace any Azure customer can register names in. Only Bot
    /// Connector endpoints are listed: a token scoped to api.botframework.com has no business at
    /// Graph, SharePoint or blob storage. Configuration binding adds entries to these defaults.
    /// </summary>
    public static IReadOnlyList<string> DefaultTrustedHosts { get; } =
    [
        "botframework.com",
        "*.botframework.com",
        "smba.trafficmanager.net",
        "teams.microsoft.com",
        "*.teams.microsoft.com",
        "teams.microsoft.us",
        "*.teams.microsoft.us",
    ];

    /// <summary>Attempts in total, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The cap of the first backoff; it doubles on each further attempt.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The largest computed backoff (a <c>Retry-After</c> is bounded by <see cref="MaxRetryAfter"/> instead).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits in-line. A longer one ends the call with a
    /// transient <see cref="ConnectorException"/> carrying the wait, so a caller with a queue can
    /// reschedule instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one HTTP attempt (applied as <see cref="HttpClient.Timeout"/> by the DI registration).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>See <see cref="DefaultTrustedHosts"/>.</summary>
    public List<string> TrustedHosts { get; set; } = [.. DefaultTrustedHosts];

    /// <summary>
    /// Lets a token go over plain http, but only to a loopback address that
    /// <see cref="IServiceUrlTrust"/> vouches for: a stand-in connector in tests or local tools.
    /// Never needed against Teams, whose service URLs are all https.
    /// </summary>
    public bool AllowInsecureTrustedHttp { get; set; }
}

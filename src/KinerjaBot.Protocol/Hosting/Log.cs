using Microsoft.Extensions.Logging;

namespace KinerjaBot.Protocol.Hosting;

// Event ids 1000–1099: hosting.
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning, "Rejected an activity with 401: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(1001, LogLevel.Critical, "Unauthenticated local-development mode is on but the bot listens on non-loopback address {Address}; refusing to start")]
    public static partial void DangerousModeOnNetwork(ILogger logger, string address);

    [LoggerMessage(1002, LogLevel.Warning, "Unauthenticated local-development mode is ON: only loopback clients are served")]
    public static partial void DangerousModeOn(ILogger logger);
}

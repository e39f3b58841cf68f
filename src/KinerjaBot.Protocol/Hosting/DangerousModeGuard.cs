using KinerjaBot.Protocol.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Protocol.Hosting;

/// <summary>
/// Stops the process when unauthenticated local-development mode is on and the server is bound to
/// anything but loopback. Requests that arrive before the stop are refused per connection anyway.
/// </summary>
internal sealed class DangerousModeGuard(
    IOptions<BotAuthenticationOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DangerousModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DangerouslyAllowUnauthenticatedRequests)
        {
            Log.DangerousModeOn(logger);
            lifetime.ApplicationStarted.Register(Check);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.FirstOrDefault(a => !LoopbackGuard.IsLoopback(a));
        if (exposed is not null)
        {
            Log.DangerousModeOnNetwork(logger, exposed);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}

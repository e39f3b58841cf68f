using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KinerjaBot.Tests.Reliability;

/// <summary>
/// Records every Error-or-worse log entry of a running <see cref="Support.BotApp"/>: an exception that a
/// handler had to catch and log is a bug the user saw as an apology, even when HTTP said 200.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => _errors.ToList();

    /// <summary>Attaches to the app's logger factory (existing loggers pick the provider up too).</summary>
    public static LogCapture AttachTo(IServiceProvider services)
    {
        var capture = new LogCapture();
        services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // EF Core logs every failed command at Error even when the app handles the failure (a
            // conflict that is retried); the app's own log and Kestrel's say whether it was handled.
            if (logLevel >= LogLevel.Error && !category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            {
                owner._errors.Enqueue($"{category} [{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
            }
        }
    }
}

using KinerjaBot;

var builder = WebApplication.CreateBuilder(args);
if (KinerjaBot.Teams.AppPackageCommand.Matches(args))
{
    return KinerjaBot.Teams.AppPackageCommand.Run(builder.Configuration, args, Console.Out, Console.Error);
}

builder.AddKinerjaBot();

var app = builder.Build();
await app.UseKinerjaBotAsync();
await app.RunAsync();
// Non-zero when something stopped the host as a refusal (the loopback guard of unauthenticated mode), so a
// supervisor or pipeline sees a failed start instead of a clean exit.
return Environment.ExitCode;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;

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
return 0;

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;

using KinerjaBot;

var builder = WebApplication.CreateBuilder(args);
builder.AddKinerjaBot();

var app = builder.Build();
await app.UseKinerjaBotAsync();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;

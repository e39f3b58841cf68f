using System.Collections.Concurrent;
using System.Data.Common;
using KinerjaBot.Data;
using KinerjaBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KinerjaBot.Tests.Progress;

/// <summary>
/// How many SQL statements a chat report costs (issue #8: EF Core dominates the CPU per message). A
/// deterministic guard, not a timing: a change that adds queries to the common turn fails here. Counted on
/// SQLite, which sends each statement of a save on its own (PostgreSQL batches them).
/// </summary>
public sealed class StatementBudgetTests(ITestOutputHelper output)
{
    /// <summary>The sentence the benchmark's users send, then "ya".</summary>
    private const string Sentence = "progres: 3 dari 5 laporan selesai";

    private const int SentenceBudget = 5;
    private const int ConfirmBudget = 14;

    [Fact]
    public async Task ChatReport_SentenceThenYes_StaysWithinTheStatementBudget()
    {
        var counter = new StatementCounter();
        await using var app = await BotApp.StartAsync(services: services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton(counter);
            services.ConfigureDbContext<KinerjaDbContext>((sp, options) =>
                options.AddInterceptors(new RequestStatementInterceptor(counter, sp.GetRequiredService<IHttpContextAccessor>())));
        });
        // Both are known to the bot already, as the benchmark's users are: the rater gets her card now.
        await app.InstallAsync(BotApp.Rina);
        await app.InstallAsync(BotApp.Siti);

        var sentence = await CountAsync(counter, () => app.SayAsync(BotApp.Siti, Sentence));
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Apakah ini benar?"), "confirmation card");
        var confirm = await CountAsync(counter, () => app.SayAsync(BotApp.Siti, "ya"));
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("Tercatat"), "recorded notice");
        await app.WaitForAsync(BotApp.Rina, c => c.CardText.Contains("Progres dari Siti Nurhaliza"), "review card for the rater");

        Report("sentence", sentence);
        Report("ya", confirm);
        Assert.True(sentence.Count is > 0 and <= SentenceBudget, $"the sentence took {sentence.Count} statements (budget {SentenceBudget})");
        Assert.True(confirm.Count is > 0 and <= ConfirmBudget, $"\"ya\" took {confirm.Count} statements (budget {ConfirmBudget})");
    }

    private static async Task<IReadOnlyList<string>> CountAsync(StatementCounter counter, Func<Task> send)
    {
        counter.Statements.Clear();
        await send();
        return counter.Statements.ToArray();
    }

    private void Report(string message, IReadOnlyList<string> statements)
    {
        output.WriteLine($"{message}: {statements.Count} statements");
        foreach (var sql in statements)
        {
            output.WriteLine("  " + sql.ReplaceLineEndings(" "));
        }
    }

    private sealed class StatementCounter
    {
        public ConcurrentQueue<string> Statements { get; } = new();
    }

    /// <summary>
    /// Counts the commands run while handling an HTTP request; the outbox dispatcher's own work is not a
    /// turn's. EF Core initializes a command for every execution, reader, non-query and scalar alike.
    /// </summary>
    private sealed class RequestStatementInterceptor(StatementCounter counter, IHttpContextAccessor http) : DbCommandInterceptor
    {
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (http.HttpContext?.Request.Path == "/api/messages")
            {
                counter.Statements.Enqueue(result.CommandText);
            }

            return result;
        }
    }
}

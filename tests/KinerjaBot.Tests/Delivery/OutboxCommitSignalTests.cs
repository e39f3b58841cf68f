using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Delivery;

/// <summary>The dispatcher is woken when queued rows can be claimed: after their save or their transaction's commit.</summary>
public sealed class OutboxCommitSignalTests
{
    [Fact]
    public async Task Queued_rows_wake_the_dispatcher_once_committed_and_not_before()
    {
        using var signal = new OutboxSignal();
        var folder = Directory.CreateTempSubdirectory("kinerjabot-signal-").FullName;
        var options = new DbContextOptionsBuilder<KinerjaDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "kinerjabot.db")}")
            .AddInterceptors(new OutboxCommitSignal(signal))
            .Options;
        await using (var db = new KinerjaDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
            Assert.False(await WokenAsync());

            db.Outbox.Add(Row("saved"));
            await db.SaveChangesAsync();
            Assert.True(await WokenAsync());

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Row("committed"));
                await db.SaveChangesAsync();
                Assert.False(await WokenAsync());
                await transaction.CommitAsync();
            }

            Assert.True(await WokenAsync());

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Row("rolled back"));
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            db.Flows.Add(new ConversationFlow { UserId = "29:a", Kind = "progress", StateJson = "{}" });
            await db.SaveChangesAsync();
            Assert.False(await WokenAsync());
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        Task<bool> WokenAsync() => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
    }

    private static OutboxMessage Row(string key) => new()
    {
        Key = key,
        Purpose = "reply",
        RecipientUserId = "29:a",
        ServiceUrl = "http://127.0.0.1:1/",
        ConversationId = "a:a",
        ActivityJson = "{}",
        Status = OutboxStatus.Pending,
        CreatedAt = DateTimeOffset.UtcNow,
        NotBefore = DateTimeOffset.UtcNow,
    };
}

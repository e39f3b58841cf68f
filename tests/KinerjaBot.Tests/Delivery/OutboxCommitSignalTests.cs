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

    [Fact]
    public async Task Rows_leased_here_are_handed_over_with_their_ids_once_committed_and_a_failed_save_hands_over_nothing()
    {
        using var signal = new OutboxSignal();
        var local = new RecordingLocalDelivery();
        var folder = Directory.CreateTempSubdirectory("kinerjabot-handoff-").FullName;
        var options = new DbContextOptionsBuilder<KinerjaDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "kinerjabot.db")}")
            .AddInterceptors(new OutboxCommitSignal(signal, local))
            .Options;
        await using (var db = new KinerjaDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();

            db.Outbox.Add(Leased(local, "reply"));
            await db.SaveChangesAsync();
            Assert.Equal(["reply"], local.Take().Select(r => r.Key));
            Assert.False(await WokenAsync());

            // Two rows: EF saves them in a transaction of its own, whose commit comes before their ids are set.
            db.Outbox.Add(Leased(local, "first of two"));
            db.Outbox.Add(Leased(local, "second of two"));
            await db.SaveChangesAsync();
            var two = local.Take();
            Assert.Equal(["first of two", "second of two"], two.Select(r => r.Key));
            Assert.All(two, r => Assert.True(r.Id > 0, $"{r.Key} was handed over with id {r.Id}"));

            // A transaction disposed without commit: its row was never stored and must not ride on the next commit.
            await using (var abandoned = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Leased(local, "abandoned"));
                await db.SaveChangesAsync();
            }

            db.ChangeTracker.Clear();
            await using (var next = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Leased(local, "after the abandoned one"));
                await db.SaveChangesAsync();
                await next.CommitAsync();
            }

            Assert.Equal(["after the abandoned one"], local.Take().Select(r => r.Key));

            // The same key again: the save fails, and the failed attempt's row must never be sent.
            db.Outbox.Add(Leased(local, "reply"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Outbox.Add(Leased(local, "retried"));
            await db.SaveChangesAsync();
            var retried = Assert.Single(local.Take());
            Assert.Equal("retried", retried.Key);
            Assert.True(retried.Id > 0);

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Leased(local, "in transaction"));
                db.Outbox.Add(Row("claimed by whoever"));
                await db.SaveChangesAsync();
                Assert.Empty(local.Take());
                await transaction.CommitAsync();
            }

            Assert.Equal(["in transaction"], local.Take().Select(r => r.Key));
            Assert.True(await WokenAsync());

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Outbox.Add(Leased(local, "rolled back"));
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            Assert.Empty(local.Take());
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        Task<bool> WokenAsync() => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
    }

    private static OutboxMessage Leased(RecordingLocalDelivery local, string key)
    {
        var row = Row(key);
        local.Lease(row);
        return row;
    }

    private sealed class RecordingLocalDelivery : ILocalDelivery
    {
        private readonly List<OutboxMessage> _committed = [];

        public bool HasRoom() => true;

        public void Lease(OutboxMessage row) => row.LeaseOwner = "here";

        public bool Leases(OutboxMessage row) => row.LeaseOwner == "here";

        public void Committed(IReadOnlyList<OutboxMessage> rows) => _committed.AddRange(rows);

        public List<OutboxMessage> Take()
        {
            var taken = _committed.ToList();
            _committed.Clear();
            return taken;
        }
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

using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Protocol.Authentication;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Delivery;

/// <summary>
/// Keeps in the database what validated tokens vouched for, so the dispatcher of any instance, before or after
/// a restart, sends the bot's token to exactly the service URLs it could have sent it to before.
/// </summary>
public sealed class VouchedServiceUrlStore(IServiceProvider services, TimeProvider time) : IVouchedServiceUrlStore
{
    // Resolved on first use, not injected: the dispatcher's connector needs this store, and the context factory's
    // interceptor needs the dispatcher, so taking the factory in the constructor would close that circle.
    private IDbContextFactory<KinerjaDbContext> Contexts => services.GetRequiredService<IDbContextFactory<KinerjaDbContext>>();

    /// <summary>The outbox's service URL column holds no more, so a longer URL never has anything queued.</summary>
    public const int MaxUrlLength = 512;

    public async Task AddAsync(string serviceUrl, CancellationToken ct)
    {
        if (serviceUrl.Length > MaxUrlLength)
        {
            return;
        }

        await using var db = await Contexts.CreateDbContextAsync(ct);
        if (await db.VouchedServiceUrls.AnyAsync(v => v.Url == serviceUrl, ct))
        {
            return;
        }

        db.VouchedServiceUrls.Add(new VouchedServiceUrl { Url = serviceUrl, VouchedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request or instance may have stored it first; anything else is a real failure.
            if (!await ContainsAsync(serviceUrl, ct))
            {
                throw;
            }
        }
    }

    public async Task<bool> ContainsAsync(string serviceUrl, CancellationToken ct)
    {
        await using var db = await Contexts.CreateDbContextAsync(ct);
        return await db.VouchedServiceUrls.AnyAsync(v => v.Url == serviceUrl, ct);
    }
}

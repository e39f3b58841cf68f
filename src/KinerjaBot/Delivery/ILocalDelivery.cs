using KinerjaBot.Data.Model;

namespace KinerjaBot.Delivery;

/// <summary>
/// This instance's dispatcher taking rows queued here straight after their commit, instead of claiming them
/// back from the table: no claim statements and no poll between a turn's save and its reply being sent.
/// Rows are leased to it as they are queued, so another instance leaves them alone, and a crash before they
/// are sent only delays them until the lease runs out.
/// </summary>
public interface ILocalDelivery
{
    /// <summary>Whether the dispatcher runs and can take more rows; if not, rows wait in the table to be claimed.</summary>
    bool HasRoom();

    /// <summary>Leases a row that is due now to this instance (asked after <see cref="HasRoom"/>).</summary>
    void Lease(OutboxMessage row);

    /// <summary>Whether <paramref name="row"/> was leased by <see cref="Lease"/>.</summary>
    bool Leases(OutboxMessage row);

    /// <summary>The leased rows are committed (they have their ids): deliver them.</summary>
    void Committed(IReadOnlyList<OutboxMessage> rows);
}

using KinerjaBot.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KinerjaBot.Data;

/// <summary>
/// The one database of the bot. Provider (SQLite or PostgreSQL) comes from configuration. The app rents
/// contexts from a pool (DatabaseExtensions) and names the turn's <see cref="AuditTrail"/> on each rental.
/// </summary>
public sealed class KinerjaDbContext(DbContextOptions<KinerjaDbContext> options) : DbContext(options)
{
    /// <summary>Records the changes saved through this context; null for bulk work that is nobody's action.</summary>
    internal AuditTrail? Audit { get; set; }

    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<ActingAssignmentRow> ActingAssignments => Set<ActingAssignmentRow>();
    public DbSet<OrganisationResultRow> OrganisationResults => Set<OrganisationResultRow>();
    public DbSet<ConversationRef> ConversationRefs => Set<ConversationRef>();
    public DbSet<ConversationFlow> Flows => Set<ConversationFlow>();
    public DbSet<Skp> Skps => Set<Skp>();
    public DbSet<Rhk> Rhks => Set<Rhk>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<ProgressEntry> ProgressEntries => Set<ProgressEntry>();
    public DbSet<FeedbackRequest> FeedbackRequests => Set<FeedbackRequest>();
    public DbSet<FeedbackNote> FeedbackNotes => Set<FeedbackNote>();
    public DbSet<Appraisal> Appraisals => Set<Appraisal>();
    public DbSet<AppraisalNote> AppraisalNotes => Set<AppraisalNote>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<VouchedServiceUrl> VouchedServiceUrls => Set<VouchedServiceUrl>();
    public DbSet<CardMessage> CardMessages => Set<CardMessage>();
    public DbSet<ReminderSnooze> ReminderSnoozes => Set<ReminderSnooze>();
    public DbSet<SchedulerLease> SchedulerLeases => Set<SchedulerLease>();
    public DbSet<AppInstallation> AppInstallations => Set<AppInstallation>();
    public DbSet<DirectoryLink> DirectoryLinks => Set<DirectoryLink>();
    public DbSet<DirectoryConflict> DirectoryConflicts => Set<DirectoryConflict>();
    public DbSet<HolidayFileRow> HolidayFiles => Set<HolidayFileRow>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KinerjaDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as text: readable in exports and SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        if (IsSqlite)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTimestampConverters.UtcTicks>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTimestampConverters.UtcTicks>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTimestampConverters.ToUtc>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTimestampConverters.ToUtc>();
        }
    }

    // Back to the pool: the next rental belongs to another turn and names its own audit trail.
    public override void Dispose()
    {
        Audit = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Audit = null;
        return base.DisposeAsync();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }

        var awaitingIds = Audit?.Capture(this) ?? [];
        var identities = IdentityRebinding.Capture(this);
        if (awaitingIds.Count == 0 && identities.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        if (Database.CurrentTransaction is not null)
        {
            return await SaveThenFollowUpAsync(awaitingIds, identities, acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        // New rows get their ids on insert; what follows from them (audit rows naming them, conversations
        // relinked to a changed identity) is written in the same transaction.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var count = await SaveThenFollowUpAsync(awaitingIds, identities, acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private async Task<int> SaveThenFollowUpAsync(List<(AuditEntry Audit, EntityEntry Entity)> awaitingIds, List<(EntityEntry<Employee> Entry, bool Added)> identities,
        bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        if (awaitingIds.Count > 0)
        {
            AuditTrail.AddWithIds(this, awaitingIds);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        await IdentityRebinding.ApplyAsync(this, identities, cancellationToken).ConfigureAwait(false);
        return written;
    }
}

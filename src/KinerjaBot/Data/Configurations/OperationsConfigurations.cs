using KinerjaBot.Data.Model;
using KinerjaBot.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KinerjaBot.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.ActorUserId).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(64);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(32);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.Property(o => o.Key).HasMaxLength(256);
        b.Property(o => o.Purpose).HasMaxLength(64);
        b.Property(o => o.RecipientUserId).HasMaxLength(256);
        b.Property(o => o.ServiceUrl).HasMaxLength(512);
        b.Property(o => o.ConversationId).HasMaxLength(512);
        b.Property(o => o.TargetActivityId).HasMaxLength(256);
        b.Property(o => o.LeaseOwner).HasMaxLength(128);
        b.Property(o => o.LastError).HasMaxLength(2000);
        b.Property(o => o.SentActivityId).HasMaxLength(256);
        b.HasIndex(o => o.Key).IsUnique();
        b.HasIndex(o => new { o.Status, o.NotBefore });
    }
}

internal sealed class VouchedServiceUrlConfiguration : IEntityTypeConfiguration<VouchedServiceUrl>
{
    public void Configure(EntityTypeBuilder<VouchedServiceUrl> b)
    {
        b.ToTable("vouched_service_urls");
        b.HasKey(v => v.Url);
        b.Property(v => v.Url).HasMaxLength(VouchedServiceUrlStore.MaxUrlLength);
    }
}

internal sealed class CardMessageConfiguration : IEntityTypeConfiguration<CardMessage>
{
    public void Configure(EntityTypeBuilder<CardMessage> b)
    {
        b.ToTable("card_messages");
        b.Property(c => c.Subject).HasMaxLength(128);
        b.HasIndex(c => c.Subject);
        b.HasOne(c => c.Outbox).WithMany().HasForeignKey(c => c.OutboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

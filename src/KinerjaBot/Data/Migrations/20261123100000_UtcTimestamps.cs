using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KinerjaBot.Data.Migrations;

/// <summary>
/// SQLite timestamps move from EF's DateTimeOffset binary encoding (clock ticks of the value's own offset,
/// so +07:00 and UTC values did not compare correctly in SQL) to UTC ticks. PostgreSQL already stores
/// instants; nothing to do there.
/// </summary>
[DbContext(typeof(KinerjaDbContext))]
[Migration("20261123100000_UtcTimestamps")]
public sealed class UtcTimestamps : KinerjaMigration
{
    /// <summary>Every DateTimeOffset column of the Initial schema.</summary>
    internal static readonly (string Table, string Column)[] Columns =
    [
        ("audit_entries", "At"),
        ("conversation_flows", "StartedAt"), ("conversation_flows", "ExpiresAt"),
        ("outbox", "CreatedAt"), ("outbox", "NotBefore"), ("outbox", "LeaseUntil"), ("outbox", "SentAt"),
        ("card_messages", "CreatedAt"),
        ("appraisals", "FinalizedAt"), ("appraisals", "AcknowledgedAt"),
        ("conversation_refs", "FirstSeenAt"), ("conversation_refs", "LastSeenAt"),
        ("progress_entries", "SubmittedAt"), ("progress_entries", "ReviewedAt"),
        ("feedback_requests", "CreatedAt"),
        ("feedback_notes", "CreatedAt"),
    ];

    private const long TicksPerMinute = 600_000_000;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!IsSqlite)
        {
            return;
        }

        // Binary layout: (clock ticks / 1000) << 11 | offset minutes as an 11-bit two's complement.
        foreach (var (table, column) in Columns)
        {
            var c = $"\"{column}\"";
            var offset = $"(CASE WHEN ({c} & 2047) >= 1024 THEN ({c} & 2047) - 2048 ELSE ({c} & 2047) END)";
            migrationBuilder.Sql($"UPDATE \"{table}\" SET {c} = ({c} >> 11) * 1000 - {offset} * {TicksPerMinute} WHERE {c} IS NOT NULL;");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!IsSqlite)
        {
            return;
        }

        foreach (var (table, column) in Columns)
        {
            var c = $"\"{column}\"";
            migrationBuilder.Sql($"UPDATE \"{table}\" SET {c} = ({c} / 1000) << 11 WHERE {c} IS NOT NULL;");
        }
    }
}

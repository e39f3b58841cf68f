using KinerjaBot.Domain;
using KinerjaBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reliability;

/// <summary>Checks that whatever was thrown at the bot left a sound database behind.</summary>
public static class Integrity
{
    /// <summary>SQLite's own checks: pages, indexes and foreign keys.</summary>
    public static void AssertSqliteSound(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }

        using var foreignKeys = connection.CreateCommand();
        foreignKeys.CommandText = "PRAGMA foreign_key_check";
        using var reader = foreignKeys.ExecuteReader();
        var violations = new List<string>();
        while (reader.Read())
        {
            violations.Add($"{reader.GetValue(0)} row {reader.GetValue(1)} → {reader.GetValue(2)}");
        }

        Assert.Empty(violations);
    }

    /// <summary>Domain invariants no sequence of requests may break.</summary>
    public static async Task AssertDomainSoundAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var problems = new List<string>();
        foreach (var entry in await db.ProgressEntries.AsNoTracking().ToListAsync())
        {
            var reviewed = entry.Status is ProgressStatus.Approved or ProgressStatus.Returned;
            if (!Enum.IsDefined(entry.Status))
            {
                problems.Add($"progress {entry.Id}: undefined status {(int)entry.Status}");
            }

            if (reviewed && (entry.ReviewedById is null || entry.ReviewedAt is null))
            {
                problems.Add($"progress {entry.Id}: {entry.Status} without a reviewer");
            }

            if (entry.ReviewedById == entry.EmployeeId)
            {
                problems.Add($"progress {entry.Id}: reviewed by its own author");
            }

            if (entry.Value < 0)
            {
                problems.Add($"progress {entry.Id}: negative value {entry.Value}");
            }

            if (entry.Version < 0)
            {
                problems.Add($"progress {entry.Id}: version {entry.Version}");
            }
        }

        var notes = await db.FeedbackNotes.AsNoTracking().ToListAsync();
        foreach (var request in await db.FeedbackRequests.AsNoTracking().ToListAsync())
        {
            if (request.RequesterId == request.RecipientId)
            {
                problems.Add($"feedback request {request.Id}: asked of oneself");
            }

            var answers = notes.Count(n => n.RequestId == request.Id);
            if ((request.Status == FeedbackRequestStatus.Answered) != (answers == 1))
            {
                problems.Add($"feedback request {request.Id}: {request.Status} with {answers} answers");
            }
        }

        foreach (var note in notes.Where(n => n.FromId == n.ToId))
        {
            problems.Add($"feedback note {note.Id}: written to oneself");
        }

        foreach (var appraisal in await db.Appraisals.AsNoTracking().ToListAsync())
        {
            if (appraisal.EmployeeId == appraisal.RaterId)
            {
                problems.Add($"appraisal {appraisal.Id}: rated by its own subject");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Reliability;

/// <summary>
/// Card data is the sender's to write and ids are sequential: whoever names another person's record on any card
/// verb learns nothing about it, not even whether it exists, and changes nothing.
/// </summary>
public sealed class RecordAccessScenarios
{
    private const string EntryNote = "RAHASIA-CATATAN-7731";
    private const string FeedbackAnswer = "RAHASIA-JAWABAN-4417";
    private const string RaterNote = "RAHASIA-PENILAI-5521";
    private const string Objection = "RAHASIA-KEBERATAN-9902";
    private static readonly string[] Secrets = [EntryNote, FeedbackAnswer, RaterNote, Objection];

    /// <summary>An employee of another dinas (Makassar), and a Teams user the directory does not know.</summary>
    private static readonly TestUser OtherUnit = new("198507072010012004", "Nurul Hidayah");

    private sealed record Records(int SitiId, int EntryId, int EntryVersion, int RequestId, int AppraisalId, int AppraisalVersion, string Fingerprint);

    /// <summary>Siti's progress report with a note, a confidential answer Rina gave her, and her objected Q3 appraisal.</summary>
    private static async Task<Records> SeedAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var siti = await db.Employees.SingleAsync(e => e.Nip == BotApp.Siti.Nip);
        var rina = await db.Employees.SingleAsync(e => e.Nip == BotApp.Rina.Nip);
        var indicator = await db.Indicators.Where(i => i.Rhk!.Skp!.EmployeeId == siti.Id).OrderBy(i => i.Id).FirstAsync();
        var entry = new ProgressEntry
        {
            EmployeeId = siti.Id, IndicatorId = indicator.Id, Date = new DateOnly(2026, 11, 20), Value = 3, Note = EntryNote,
            Status = ProgressStatus.Submitted, SubmittedAt = BotApp.DefaultNow,
        };
        var request = new FeedbackRequest
        {
            RequesterId = siti.Id, RecipientId = rina.Id, Behaviour = BerAkhlakValue.Akuntabel, Question = "Bagaimana?",
            Status = FeedbackRequestStatus.Answered, CreatedAt = BotApp.DefaultNow,
        };
        var appraisal = new Appraisal
        {
            EmployeeId = siti.Id, RaterId = rina.Id, PeriodCode = "2026-Q3", Status = AppraisalStatus.Objected,
            WorkResultRating = Rating.BelowExpectation, BehaviourRating = Rating.BelowExpectation, Predikat = Predikat.SangatKurang,
            RaterNote = RaterNote, ObjectionReason = Objection, FinalizedAt = BotApp.DefaultNow,
        };
        db.AddRange(entry, request, appraisal);
        await db.SaveChangesAsync();
        db.FeedbackNotes.Add(new FeedbackNote { FromId = rina.Id, ToId = siti.Id, RequestId = request.Id, Behaviour = BerAkhlakValue.Akuntabel, Text = FeedbackAnswer, CreatedAt = BotApp.DefaultNow });
        await db.SaveChangesAsync();
        return new Records(siti.Id, entry.Id, entry.Version, request.Id, appraisal.Id, appraisal.Version, await FingerprintAsync(app));
    }

    /// <summary>Siti's records as they stand (what strangers do to their own records is theirs).</summary>
    private static async Task<string> FingerprintAsync(BotApp app)
    {
        await using var db = app.NewDb();
        var siti = await db.Employees.Where(e => e.Nip == BotApp.Siti.Nip).Select(e => e.Id).SingleAsync();
        var entries = await db.ProgressEntries.Where(p => p.EmployeeId == siti).OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.Status}|{p.Value}|{p.Note}|{p.Version}").ToListAsync();
        var requests = await db.FeedbackRequests.Where(f => f.RequesterId == siti || f.RecipientId == siti).OrderBy(f => f.Id).Select(f => $"{f.Id}|{f.Status}|{f.Version}").ToListAsync();
        var notes = await db.FeedbackNotes.CountAsync(n => n.ToId == siti || n.FromId == siti);
        var appraisals = await db.Appraisals.Where(a => a.EmployeeId == siti).OrderBy(a => a.Id).Select(a => $"{a.Id}|{a.Status}|{a.Predikat}|{a.Revision}|{a.Version}").ToListAsync();
        return string.Join("\n", entries.Concat(requests).Concat(appraisals).Append(notes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IEnumerable<string> AllVerbs() =>
        typeof(Verbs).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>Every id a card could carry, all naming Siti's records, plus the inputs the verbs read.</summary>
    private static JsonObject NamingSitisRecords(Records r) => new()
    {
        ["entryId"] = r.EntryId, ["requestId"] = r.RequestId, ["employeeId"] = r.SitiId, ["appraisalId"] = r.AppraisalId,
        ["version"] = r.AppraisalVersion, ["period"] = "2026-Q3", ["indicatorId"] = "1", ["value"] = "5", ["note"] = "x", ["reviewNote"] = "x",
        ["reason"] = "x", ["answer"] = "x", ["text"] = "x", ["workResult"] = "AboveExpectation", ["behaviour"] = "AboveExpectation", ["raterNote"] = "x",
    };

    [Fact]
    public async Task Every_card_verb_naming_someone_elses_records_reveals_none_of_them_and_changes_nothing()
    {
        await using var app = await BotApp.StartAsync();
        var records = await SeedAsync(app);
        var strangers = new[] { BotApp.Stranger, OtherUnit, BotApp.Budi };
        var verbs = AllVerbs().ToList();
        Assert.True(verbs.Count >= 38, $"the walk covers every verb ({verbs.Count})");

        foreach (var stranger in strangers)
        {
            foreach (var verb in verbs)
            {
                var result = await app.ExecuteAsync(stranger, verb, NamingSitisRecords(records));
                var body = result.Body.ToJsonString();
                foreach (var secret in Secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{stranger.Name} read '{secret}' through {verb}: {body}");
                }

                if (stranger != BotApp.Budi)
                {
                    // Budi works beside Siti and may see her name (e.g. as a colleague to ask for feedback); the others may not.
                    Assert.False(body.Contains("Siti", StringComparison.Ordinal), $"{stranger.Name} learned of Siti through {verb}: {body}");
                }
            }
        }

        await Task.Delay(500);
        foreach (var stranger in strangers)
        {
            var delivered = string.Join("\n", app.To(stranger).Select(c => c.Body.ToJsonString()));
            Assert.DoesNotContain(Secrets, s => delivered.Contains(s, StringComparison.Ordinal));
        }

        Assert.Equal(records.Fingerprint, await FingerprintAsync(app));
    }

    [Theory]
    [InlineData(Verbs.ProgressApprove)]
    [InlineData(Verbs.ProgressRefresh)]
    [InlineData(Verbs.ProgressWithdraw)]
    [InlineData(Verbs.FeedbackRefresh)]
    [InlineData(Verbs.FeedbackAnswer)]
    [InlineData(Verbs.AppraisalOpen)]
    [InlineData(Verbs.AppraisalRate)]
    [InlineData(Verbs.AppraisalCorrect)]
    [InlineData(Verbs.AppraisalAcknowledge)]
    public async Task A_refusal_is_the_same_whether_or_not_the_record_exists(string verb)
    {
        await using var app = await BotApp.StartAsync();
        var records = await SeedAsync(app);
        var missing = new JsonObject
        {
            ["entryId"] = 987654, ["requestId"] = 987654, ["employeeId"] = 987654, ["appraisalId"] = 987654, ["version"] = 0, ["period"] = "2026-Q3",
        };

        var foreign = await app.ExecuteAsync(OtherUnit, verb, NamingSitisRecords(records));
        var absent = await app.ExecuteAsync(OtherUnit, verb, missing);

        Assert.Equal(absent.Body.ToJsonString(), foreign.Body.ToJsonString());
        Assert.Contains("tidak tersedia untuk Anda", foreign.CardText);
    }

    [Fact]
    public async Task The_people_the_record_belongs_to_still_see_it()
    {
        await using var app = await BotApp.StartAsync();
        var records = await SeedAsync(app);

        // Siti's own report, her rater's view of it, and the head of the dinas above the bidang.
        foreach (var who in new[] { BotApp.Siti, BotApp.Rina, BotApp.Hendra })
        {
            var card = await app.ExecuteAsync(who, Verbs.ProgressRefresh, new JsonObject { ["entryId"] = records.EntryId });
            Assert.Contains("3", card.CardText);
            Assert.DoesNotContain("tidak tersedia", card.CardText);
        }

        var answer = await app.ExecuteAsync(BotApp.Siti, Verbs.FeedbackRefresh, new JsonObject { ["requestId"] = records.RequestId });
        Assert.DoesNotContain("tidak tersedia", answer.CardText);
        var appraisal = await app.ExecuteAsync(BotApp.Rina, Verbs.AppraisalOpen, new JsonObject { ["employeeId"] = records.SitiId, ["period"] = "2026-Q3" });
        Assert.Contains("Siti", appraisal.CardText);
        Assert.DoesNotContain("tidak tersedia", appraisal.CardText);
    }

    [Fact]
    public async Task Approving_from_a_card_without_its_version_is_refused_as_stale()
    {
        await using var app = await BotApp.StartAsync();
        var records = await SeedAsync(app);

        var result = await app.ExecuteAsync(BotApp.Rina, Verbs.ProgressApprove, new JsonObject { ["entryId"] = records.EntryId });

        Assert.Contains("Kartu ini sudah", result.CardText);
        await using var db = app.NewDb();
        Assert.Equal(ProgressStatus.Submitted, (await db.ProgressEntries.SingleAsync(p => p.Id == records.EntryId)).Status);
    }

    [Fact]
    public async Task An_identity_moved_by_import_takes_effect_at_once_for_access_and_for_messages()
    {
        const string Key = "identity-admin-key-0123456789-0123456789";
        await using var app = await BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });
        var newAccount = BotApp.Siti with { AadOverride = "5e1f0000-0000-4000-8000-00000000b0b0" };
        await app.InstallAsync(BotApp.Rina);
        await app.InstallAsync(BotApp.Siti);
        await app.SayAsync(newAccount, "status");
        await app.WaitForAsync(newAccount, c => c.Text?.Contains("belum terdaftar") == true || c.CardText.Contains("belum terdaftar"), "not registered yet");

        // The BKPSDM admin downloads the employees, moves Siti to her new account, and uploads the file again.
        var http = app.Http;
        using var download = new HttpRequestMessage(HttpMethod.Get, "/admin/import/employees");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var exported = await http.SendAsync(download);
        var csv = await exported.Content.ReadAsStringAsync();
        Assert.Contains(BotApp.Siti.Aad, csv, StringComparison.OrdinalIgnoreCase);
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/admin/import/employees")
        {
            Content = new StringContent(csv.Replace(BotApp.Siti.Aad, newAccount.Aad, StringComparison.OrdinalIgnoreCase), Encoding.UTF8, "text/csv"),
        };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var imported = await http.SendAsync(upload);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // The old account is nobody now: it cannot report as Siti.
        var before = await FingerprintAsync(app);
        var refused = await app.ExecuteAsync(BotApp.Siti, Verbs.ProgressForm);
        Assert.Contains("belum terdaftar", refused.CardText);
        await app.SayAsync(BotApp.Siti, "lapor hari ini selesai 3 dari 5 laporan pengaduan");
        await app.SayAsync(BotApp.Siti, "ya");
        Assert.Equal(before, await FingerprintAsync(app));

        // Messages for Siti go to the conversation of her current account, which can act as her.
        await using (var db = app.NewDb())
        {
            var sitiId = await db.Employees.Where(e => e.Nip == BotApp.Siti.Nip).Select(e => e.Id).SingleAsync();
            var linked = await db.ConversationRefs.Where(c => c.EmployeeId == sitiId).Select(c => c.UserId).ToListAsync();
            Assert.Equal([newAccount.TeamsId], linked);
        }

        var form = await app.ExecuteAsync(newAccount, Verbs.ProgressForm);
        var indicatorId = form.Card!["body"]!.AsArray().First(e => e!["id"]?.GetValue<string>() == "indicatorId")!["choices"]![0]!["value"]!.GetValue<string>();
        var submitted = await app.ExecuteAsync(newAccount, Verbs.ProgressSubmit, new JsonObject { ["indicatorId"] = indicatorId, ["value"] = "2", ["note"] = "dari akun baru" });
        Assert.Contains("Tercatat", submitted.CardText);
        var review = await app.WaitForAsync(BotApp.Rina, c => c.Card is not null && CardActions.Has(c.Card, Verbs.ProgressApprove) && c.CardText.Contains("dari akun baru"), "review card");
        var card = review.Last(c => c.Card is not null && CardActions.Has(c.Card, Verbs.ProgressApprove) && c.CardText.Contains("dari akun baru"));
        var approved = await app.ExecuteAsync(BotApp.Rina, Verbs.ProgressApprove, CardActions.DataOf(card.Card!, Verbs.ProgressApprove));
        Assert.DoesNotContain("tidak", approved.CardText[..Math.Min(40, approved.CardText.Length)]);
        await app.WaitForAsync(newAccount, c => (c.Text ?? c.CardText).Contains("menyetujui", StringComparison.OrdinalIgnoreCase), "approval notice at the new account");
        Assert.DoesNotContain(app.To(BotApp.Siti), c => (c.Text ?? "").Contains("dari akun baru", StringComparison.Ordinal) || c.CardText.Contains("dari akun baru"));
    }

    [Fact]
    public async Task The_demo_mapping_of_unknown_users_is_refused_outside_local_development()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await BotApp.StartAsync(new()
            {
                ["Directory:MapUnknownUsersToNip"] = BotApp.Rina.Nip,
                ["Bot:DangerouslyAllowUnauthenticatedRequests"] = "false",
            });
        });
        Assert.Contains("MapUnknownUsersToNip", failure.ToString());
    }
}

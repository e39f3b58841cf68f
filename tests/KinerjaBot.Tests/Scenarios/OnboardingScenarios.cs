using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

public sealed class OnboardingScenarios
{
    [Fact]
    public async Task Install_RegisteredEmployee_GetsWelcomeCardAndReferenceIsStored()
    {
        await using var app = await BotApp.StartAsync();

        await app.InstallAsync(BotApp.Rina);

        var welcome = app.To(BotApp.Rina).Single(c => c.Card is not null);
        Assert.Contains("Selamat datang di KinerjaBot, Ibu Rina", welcome.CardText);
        Assert.Contains("pejabat penilai kinerja untuk 3 pegawai", welcome.CardText);
        await using var db = app.NewDb();
        var reference = await db.ConversationRefs.SingleAsync(r => r.UserId == BotApp.Rina.TeamsId);
        Assert.Equal(app.Connector.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(BotApp.Rina.ConversationId, reference.ConversationId);
        Assert.NotNull(reference.EmployeeId);
    }

    [Fact]
    public async Task Help_InIndonesianAndEnglish_ShowsCommandsInTheUsersLanguage()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Budi, "bantuan");
        var help = await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Bantuan KinerjaBot"), "Indonesian help card");

        await app.SayAsync(BotApp.Siti, "language english", locale: "en-US");
        await app.SayAsync(BotApp.Siti, "help", locale: "en-US");
        await app.WaitForAsync(BotApp.Siti, c => c.CardText.Contains("KinerjaBot help"), "English help card");
        Assert.DoesNotContain(app.To(BotApp.Budi), c => c.CardText.Contains("tinjau"));
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_LaterCardsAreEnglish()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Budi, "bahasa inggris");
        await app.WaitForAsync(BotApp.Budi, c => c.Text == "Okay, from now on I will use English.", "confirmation in English");
        await app.SayAsync(BotApp.Budi, "bantuan");

        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("KinerjaBot help"), "English help card after the switch");
        await using var db = app.NewDb();
        Assert.Equal("en", (await db.Employees.SingleAsync(e => e.Nip == BotApp.Budi.Nip)).Language);
    }

    [Fact]
    public async Task UnknownUser_AnyMessage_IsToldTheyAreNotRegistered()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Stranger, "lapor 3 dokumen");

        await app.WaitForAsync(BotApp.Stranger, c => c.Text?.Contains("belum terdaftar") == true, "not-registered reply");
        await using var db = app.NewDb();
        Assert.Empty(await db.ProgressEntries.Where(p => p.Date == new DateOnly(2026, 11, 23) && p.Note!.Contains("3 dokumen")).ToListAsync());
    }

    [Fact]
    public async Task UnknownUser_OrganisationContactConfigured_IsToldWhomToContactInEitherLanguage()
    {
        const string contact = "Bidang Penilaian Kinerja BKPSDM Kota Tangerang Selatan (ext. 214)";
        await using var app = await BotApp.StartAsync(new() { ["Organisation:PerformanceContact"] = contact });

        await app.SayAsync(BotApp.Stranger, "status");
        await app.WaitForAsync(BotApp.Stranger, c => c.Text == $"Mohon maaf, akun Teams Anda belum terdaftar sebagai pegawai di KinerjaBot. Silakan hubungi {contact}.", "Indonesian reply naming the contact");

        // An English Teams client still reads the organisation's language; the English text names the same contact.
        await app.SayAsync(BotApp.Stranger, "status", "en-US");
        await app.WaitForAsync(BotApp.Stranger, c => c.Text == $"Mohon maaf, akun Teams Anda belum terdaftar sebagai pegawai di KinerjaBot. Silakan hubungi {contact}." && c.Body["locale"]?.GetValue<string>() == "en-US", "reply to the English client naming the contact");
        Assert.Equal($"Sorry, your Teams account is not registered as an employee in KinerjaBot yet. Please contact {contact}.",
            global::KinerjaBot.Localization.Texts.For(global::KinerjaBot.Localization.Texts.English, contact).WithContact("Common.NotRegistered"));
    }

    [Fact]
    public async Task UnknownUser_NoContactConfigured_IsPointedToThePersonnelUnit()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Stranger, "status");

        await app.WaitForAsync(BotApp.Stranger, c => c.Text?.EndsWith("Silakan hubungi pengelola kinerja di unit kepegawaian (BKPSDM) instansi Anda.", StringComparison.Ordinal) == true, "generic contact");
    }

    [Fact]
    public async Task Garbage_BodyOrMissingType_Gets400AndNoReply()
    {
        await using var app = await BotApp.StartAsync();

        using var notJson = await app.Http.PostAsync("/api/messages", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var noType = await app.Http.PostAsync("/api/messages", new StringContent("{\"text\":\"hi\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noType.StatusCode);
    }

    [Fact]
    public async Task AGreetingShowsHelp_ATypoIsAnsweredWithTheCommand_AndUnknownTextWithSuggestions()
    {
        await using var app = await BotApp.StartAsync();

        await app.SayAsync(BotApp.Budi, "halo");
        await app.WaitForAsync(BotApp.Budi, c => c.CardText.Contains("Bantuan KinerjaBot"), "help card after a greeting");

        await app.SayAsync(BotApp.Budi, "stauts");
        var typo = (await app.WaitForAsync(BotApp.Budi, c => c.Text?.Contains("**status**") == true, "did you mean status")).Last(c => c.Text?.Contains("**status**") == true);
        Assert.Equal(["status", "bantuan"], typo.Body["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["value"]!.GetValue<string>()));

        await app.SayAsync(BotApp.Budi, "terima kasih");
        var unknown = (await app.WaitForAsync(BotApp.Budi, c => c.Text?.Contains("belum dapat saya pahami") == true, "not understood")).Last(c => c.Text?.Contains("belum dapat saya pahami") == true);
        Assert.Equal(["bantuan", "lapor", "status"], unknown.Body["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["value"]!.GetValue<string>()));
        Assert.All(unknown.Body["suggestedActions"]!["actions"]!.AsArray(), a => Assert.Equal("imBack", a!["type"]!.GetValue<string>()));
    }
}

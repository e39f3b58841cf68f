using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Domain;
using KinerjaBot.Features;
using KinerjaBot.Infrastructure.Csv;
using KinerjaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KinerjaBot.Tests.Scenarios;

/// <summary>
/// The top of the rater chain: the Sekda is rated by the Kepala Daerah, who is no ASN and no employee of the
/// instansi, imported as an external rater with a Teams identity.
/// </summary>
public sealed class ExternalRaterScenarios
{
    private const string Key = "external-admin-key-0123456789-0123456789";
    private const string Period = "2026-Q3";
    private static readonly TestUser KepalaDaerah = new("KDH-TANGSEL", "Benyamin Davnie") { AadOverride = "5a1d0000-0000-4000-8000-00000000d001" };
    private static readonly TestUser Sekda = new("196805121990031004", "Bambang Noertjahjo") { AadOverride = "5a1d0000-0000-4000-8000-00000000d002" };

    private const string Units = "code,name,parent_code\nTANGSEL,Pemerintah Kota Tangerang Selatan,\nTANGSEL-SETDA,Sekretariat Daerah Kota Tangerang Selatan,TANGSEL\n";

    // The Kepala Daerah is filed under the Setda here: even inside the Sekda's own unit they are not one of its members.
    private static readonly string Employees =
        "nip,name,position_type,position_name,unit_code,salutation,rater_nip,aad_object_id,unit_head,external\n" +
        $"KDH-TANGSEL,Benyamin Davnie,Jpt,Wali Kota Tangerang Selatan,TANGSEL-SETDA,Bapak,,{KepalaDaerah.Aad},tidak,ya\n" +
        $"{Sekda.Nip},\"Drs. Bambang Noertjahjo, M.M.\",Jpt,Sekretaris Daerah,TANGSEL-SETDA,,KDH-TANGSEL,{Sekda.Aad},ya,tidak\n";

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(BotApp app, HttpMethod method, string path, string? csv = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = csv is null ? null : new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await app.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sekda_IsRatedAndFinalisedByTheExternalKepalaDaerah()
    {
        await using var app = await BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });
        foreach (var (kind, csv) in new[] { ("units", Units), ("employees", Employees) })
        {
            var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/import/" + kind, csv);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {status} {body}");
        }

        int sekdaId;
        int kdhId;
        await using (var db = app.NewDb())
        {
            sekdaId = (await db.Employees.SingleAsync(e => e.Nip == Sekda.Nip)).Id;
            var kdh = await db.Employees.SingleAsync(e => e.Nip == KepalaDaerah.Nip);
            kdhId = kdh.Id;
            Assert.True(kdh.IsExternal);
            Assert.Equal(KinerjaBot.Data.Model.Salutation.Bapak, kdh.Salutation);
        }

        // The Kepala Daerah talks to the bot as themself and finds the Sekda in their team.
        await app.SayAsync(KepalaDaerah, "penilaian " + Period);
        var overview = (await app.WaitForAsync(KepalaDaerah, c => c.CardText.Contains("Bambang Noertjahjo"), "the Kepala Daerah's team"))[^1];
        Assert.True(CardActions.Has(overview.Card, Verbs.AppraisalOpen));

        var card = await app.ExecuteAsync(KepalaDaerah, Verbs.AppraisalOpen, new JsonObject { ["employeeId"] = sekdaId, ["period"] = Period });
        var data = card.DataOf(Verbs.AppraisalRate);
        data["workResult"] = nameof(Rating.MeetsExpectation);
        data["behaviour"] = nameof(Rating.AboveExpectation);
        data["raterNote"] = "Koordinasi perangkat daerah berjalan baik";
        var rated = await app.ExecuteAsync(KepalaDaerah, Verbs.AppraisalRate, data);
        var finalised = await app.ExecuteAsync(KepalaDaerah, Verbs.AppraisalFinalize, rated.DataOf(Verbs.AppraisalFinalize));

        Assert.DoesNotContain("pejabat penilai di KinerjaBot", finalised.CardText);
        await using (var db = app.NewDb())
        {
            var appraisal = await db.Appraisals.SingleAsync(a => a.EmployeeId == sekdaId);
            Assert.Equal((AppraisalStatus.Finalized, kdhId, Predikat.Baik), (appraisal.Status, appraisal.RaterId, appraisal.Predikat!.Value));
        }

        // The Sekda's unit counts its ASN only: the Kepala Daerah filed under it is not a member.
        var distribution = await app.ExecuteAsync(Sekda, Verbs.AppraisalDistribution, new JsonObject { ["period"] = Period });
        Assert.Contains("0 dari 0 sudah memiliki predikat", distribution.CardText);

        // The round trip keeps the flag: exported, posted back unchanged, exported identically.
        var (_, exported) = await SendAsync(app, HttpMethod.Get, "/admin/import/employees");
        var row = CsvReader.Parse(exported).Records.Single(r => r.Fields[0] == KepalaDaerah.Nip).Fields;
        Assert.Equal("ya", row[^1]);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, HttpMethod.Post, "/admin/import/employees", exported)).Status);
        Assert.Equal(exported, (await SendAsync(app, HttpMethod.Get, "/admin/import/employees")).Body);
    }

    [Fact]
    public async Task ExternalIdentifier_OnlyForExternalRows()
    {
        await using var app = await BotApp.StartAsync(new() { ["Admin:ApiKey"] = Key });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, HttpMethod.Post, "/admin/import/units", Units)).Status);

        var (status, body) = await SendAsync(app, HttpMethod.Post, "/admin/import/employees",
            "nip,name,position_type,position_name,unit_code,salutation\nKDH-TANGSEL,Benyamin Davnie,Jpt,Wali Kota,TANGSEL,Bapak\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("KDH-TANGSEL", body);
    }
}

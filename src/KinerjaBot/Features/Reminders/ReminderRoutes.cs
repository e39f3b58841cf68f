using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KinerjaBot.Conversation;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Features.Calendar;
using KinerjaBot.Features.Progress;
using KinerjaBot.Protocol.Activities;
using KinerjaBot.Protocol.Cards;
using KinerjaBot.Protocol.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KinerjaBot.Features.Reminders;

/// <summary>Snooze from a reminder card, opting out of optional nudges, and a rater's approvals digest choice.</summary>
public static partial class ReminderRoutes
{
    [GeneratedRegex(@"^(pengingat (mati|off|nonaktif)|matikan pengingat|stop pengingat|reminders? off|turn off reminders|stop reminders)$", RegexOptions.IgnoreCase)]
    private static partial Regex OptOutPattern();

    [GeneratedRegex(@"^(pengingat (aktif|nyala|on)|nyalakan pengingat|aktifkan pengingat|reminders? on|turn on reminders)$", RegexOptions.IgnoreCase)]
    private static partial Regex OptInPattern();

    [GeneratedRegex(@"^(pengingat|pengaturan pengingat|reminders?|reminder settings)$", RegexOptions.IgnoreCase)]
    private static partial Regex SettingsPattern();

    [GeneratedRegex(@"^(ringkasan harian( aktif| on)?|daily digest( on)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex DigestOnPattern();

    [GeneratedRegex(@"^(ringkasan harian (mati|off|nonaktif)|daily digest off|kartu per pengajuan|card per submission)$", RegexOptions.IgnoreCase)]
    private static partial Regex DigestOffPattern();

    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>());
        services.AddHolidayCalendar(sp =>
        {
            var file = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.HolidayFile;
            return string.IsNullOrWhiteSpace(file) ? HolidayCalendar.LoadDefault() : HolidayCalendar.Load(file);
        });
        services.TryAddSingleton(sp => new ReminderCalendar(sp.GetRequiredService<WorkingCalendar>(), sp.GetRequiredService<IOptions<ReminderOptions>>().Value));
        services.TryAddSingleton<GraphTokenSource>();
        services.AddHttpClient<TeamsAppInstaller>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<ReminderPlanner>();
        services.AddSingleton<ReminderPlannerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderPlannerService>());
        return services;
    }

    public static BotRouter MapReminders(this BotRouter router) => router
        .OnMessage("reminder.optout", OptOutPattern(), context => ChatAsync(context.Kinerja(), SetOptionalNudgesAsync, off: true))
        .OnMessage("reminder.optin", OptInPattern(), context => ChatAsync(context.Kinerja(), SetOptionalNudgesAsync, off: false))
        .OnMessage("reminder.digest-on", DigestOnPattern(), context => ChatAsync(context.Kinerja(), SetDigestAsync, off: false))
        .OnMessage("reminder.digest-off", DigestOffPattern(), context => ChatAsync(context.Kinerja(), SetDigestAsync, off: true))
        .OnMessage("reminder.settings", SettingsPattern(), async context =>
        {
            var turn = context.Kinerja();
            if (turn.User.Employee is null)
            {
                turn.Reply(turn.T.WithContact("Common.NotRegistered"));
            }
            else
            {
                turn.ReplyCard(await SettingsCardAsync(turn, null), turn.T["Reminder.Settings.Title"]);
            }

            await turn.SaveAsync();
        })
        .OnCardAction(Verbs.ReminderSnooze, (context, action) => SnoozeAsync(context.Kinerja(), action.Data))
        .OnCardAction(Verbs.ReminderSettings, (context, _) => CardAsync(context.Kinerja(), null, false))
        .OnCardAction(Verbs.ReminderOptOut, (context, _) => CardAsync(context.Kinerja(), SetOptionalNudgesAsync, true))
        .OnCardAction(Verbs.ReminderOptIn, (context, _) => CardAsync(context.Kinerja(), SetOptionalNudgesAsync, false))
        .OnCardAction(Verbs.ApprovalsDigestOn, (context, _) => CardAsync(context.Kinerja(), SetDigestAsync, false))
        .OnCardAction(Verbs.ApprovalsDigestOff, (context, _) => CardAsync(context.Kinerja(), SetDigestAsync, true));

    private delegate Task<string> Change(Turn turn, Employee employee, bool off);

    private static async Task ChatAsync(Turn turn, Change change, bool off)
    {
        if (turn.User.Employee is not { } employee)
        {
            turn.Reply(turn.T.WithContact("Common.NotRegistered"));
        }
        else
        {
            turn.Reply(await change(turn, employee, off));
        }

        await turn.SaveAsync();
    }

    private static async Task<InvokeResponse> CardAsync(Turn turn, Change? change, bool off)
    {
        if (turn.User.Employee is not { } employee)
        {
            return InvokeResponse.Card(ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered")).ToJson());
        }

        var notice = change is null ? null : await change(turn, employee, off);
        await turn.SaveAsync();
        return InvokeResponse.Card((await SettingsCardAsync(turn, notice)).ToJson());
    }

    /// <summary>Optional nudges on or off; mandatory deadline reminders are not affected.</summary>
    private static Task<string> SetOptionalNudgesAsync(Turn turn, Employee employee, bool off)
    {
        // Setting the value it already has changes nothing (and writes no audit row): a second click is harmless.
        employee.OptionalNudgesOff = off;
        return Task.FromResult(turn.T[off ? "Reminder.OptedOut" : "Reminder.OptedIn"]);
    }

    private static async Task<string> SetDigestAsync(Turn turn, Employee employee, bool off)
    {
        if (!await IsRaterAsync(turn, employee))
        {
            return turn.T["Reminder.DigestOnlyRaters"];
        }

        employee.ApprovalsAsDigest = !off;
        var time = DigestTime(turn);
        return off ? turn.T["Reminder.DigestOff"] : turn.T.Format("Reminder.DigestOn", time);
    }

    private static string DigestTime(Turn turn)
    {
        var options = turn.Context.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
        return ReminderCards.TimeLabel(turn.T, options.PendingApprovals.SendTime, turn.User.TimeZone);
    }

    private static Task<bool> IsRaterAsync(Turn turn, Employee employee) =>
        turn.Db.Employees.AnyAsync(e => e.RaterId == employee.Id && e.IsActive, turn.Cancellation);

    private static async Task<AdaptiveCard> SettingsCardAsync(Turn turn, string? notice)
    {
        var employee = turn.User.Employee!;
        var view = new ReminderSettingsView(employee.OptionalNudgesOff, await IsRaterAsync(turn, employee), employee.ApprovalsAsDigest, DigestTime(turn));
        return ReminderCards.Settings(turn.T, view, notice);
    }

    /// <summary>
    /// "Ingatkan besok": the planner reminds again of this occurrence on the next working day (in the
    /// user's time zone) at the rule's send time, unless it is done by then. Clicking twice is harmless.
    /// </summary>
    private static async Task<InvokeResponse> SnoozeAsync(Turn turn, JsonObject? data)
    {
        if (turn.User.Employee is not { } employee)
        {
            return InvokeResponse.Card(ProgressRoutes.Notice(turn.T.WithContact("Common.NotRegistered")).ToJson());
        }

        var calendar = turn.Context.Services.GetRequiredService<ReminderCalendar>();
        var ruleText = data?["rule"] is JsonValue r && r.TryGetValue(out string? rs) ? rs : null;
        var occurrence = data?["occurrence"] is JsonValue o && o.TryGetValue(out string? os) ? os : null;
        if (!Enum.TryParse<ReminderRuleKind>(ruleText, ignoreCase: false, out var rule) || !Enum.IsDefined(rule)
            || string.IsNullOrEmpty(occurrence) || occurrence.Length > 64 || !await ExistsAsync(turn, calendar, rule, occurrence, employee.Id))
        {
            return InvokeResponse.Card(ProgressRoutes.Notice(turn.T["Reminder.SnoozeUnknown"]).ToJson());
        }

        var until = calendar.SnoozeDate(turn.Today);
        var ruleName = rule.ToString();
        var snooze = await turn.Db.ReminderSnoozes.FirstOrDefaultAsync(s => s.EmployeeId == employee.Id && s.Rule == ruleName && s.Occurrence == occurrence, turn.Cancellation);
        if (snooze is null)
        {
            turn.Db.ReminderSnoozes.Add(new ReminderSnooze { EmployeeId = employee.Id, Rule = ruleName, Occurrence = occurrence, Until = until, CreatedAt = turn.Now });
        }
        else
        {
            snooze.Until = until;
        }

        try
        {
            await turn.SaveAsync();
        }
        catch (DbUpdateException)
        {
            // Two clicks raced to add the same snooze: the other one stands, with the same date.
            turn.Db.ChangeTracker.Clear();
        }

        var time = ReminderCards.TimeLabel(turn.T, calendar.RuleOf(rule).SendTime, turn.User.TimeZone);
        return InvokeResponse.Card(ReminderCards.Snoozed(turn.T, until, time).ToJson());
    }

    /// <summary>Whether the card names a real occurrence the user may be reminded of (card data is never trusted).</summary>
    private static async Task<bool> ExistsAsync(Turn turn, ReminderCalendar calendar, ReminderRuleKind rule, string occurrence, int employeeId)
    {
        if (rule != ReminderRuleKind.FeedbackDue)
        {
            return calendar.Find(rule, occurrence) is not null;
        }

        return int.TryParse(occurrence, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
               && await turn.Db.FeedbackRequests.AnyAsync(f => f.Id == id && f.RecipientId == employeeId, turn.Cancellation);
    }
}

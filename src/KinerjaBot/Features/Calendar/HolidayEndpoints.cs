using System.Globalization;
using KinerjaBot.Data;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Infrastructure;
using KinerjaBot.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KinerjaBot.Features.Calendar;

/// <summary>Loading the next year's SKB 3 Menteri list, and what the calendar covers.</summary>
public static class HolidayEndpoints
{
    /// <summary>A year's list is a few kilobytes; this leaves room for comments in names, not for abuse.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static IServiceCollection AddHolidayCalendar(this IServiceCollection services, Func<IServiceProvider, HolidayCalendar> shipped)
    {
        services.AddSingleton(sp => new HolidayCalendarSource(shipped(sp), sp.GetRequiredService<ILogger<HolidayCalendarSource>>()));
        services.AddSingleton(sp => new WorkingCalendar(() => sp.GetRequiredService<HolidayCalendarSource>().Current));
        services.AddHealthChecks().AddCheck<HolidayCoverageHealthCheck>("holiday-calendar", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>Reads the loaded files at startup (a bad shipped file stops the app here) and warns if the calendar runs out.</summary>
    public static async Task LoadHolidaysAsync(this IServiceProvider services)
    {
        var source = services.GetRequiredService<HolidayCalendarSource>();
        await using var scope = services.CreateAsyncScope();
        await source.RefreshAsync(scope.ServiceProvider.GetRequiredService<KinerjaDbContext>(), CancellationToken.None);
        source.WarnIfUncovered(Today(services.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The date in WIB, where most offices are; the zones differ by at most two hours, nothing to a 60-day look-ahead.</summary>
    public static DateOnly Today(TimeProvider time) =>
        IndonesianTimeZones.LocalDate(time.GetUtcNow(), IndonesianTimeZones.Resolve(IndonesianTimeZones.Wib));

    /// <summary>
    /// <c>POST /admin/holidays</c> with a holiday file as the body (docs/holidays.md; <c>?lang=en</c> for English
    /// messages): each year it lists replaces that year's list on every instance. <c>GET</c> says what is in force.
    /// </summary>
    public static RouteGroupBuilder MapHolidayAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/holidays", async (HttpRequest request, KinerjaDbContext db, HolidayCalendarSource source, TimeProvider time, CancellationToken ct) =>
        {
            var texts = Texts.For(request.Query["lang"].ToString() is { Length: > 0 } lang ? Texts.LanguageOf(lang) : Texts.LanguageOf(request.Headers.AcceptLanguage.ToString()));
            if (request.ContentLength > MaxBytes)
            {
                return Results.Json(new { errors = new[] { texts.Format("Holidays.TooLarge", MaxBytes / 1024) } }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            var content = await reader.ReadToEndAsync(ct);
            HolidayCalendar file;
            string? decree;
            try
            {
                file = HolidayCalendar.Parse(content, "holidays.json", out decree);
            }
            catch (HolidayCalendarException ex)
            {
                return Results.BadRequest(new { errors = new[] { texts.Format("Holidays.Invalid", ex.Message) } });
            }

            if (file.Years.Count == 0)
            {
                return Results.BadRequest(new { errors = new[] { texts["Holidays.Empty"] } });
            }

            db.HolidayFiles.Add(new HolidayFileRow
            {
                Years = string.Join(',', file.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))),
                Source = decree is { Length: > 512 } ? decree[..512] : decree,
                Content = content,
                LoadedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            await source.RefreshAsync(db, ct);
            return Results.Ok(Status(source, file.Years, Today(time)));
        });

        admin.MapGet("/holidays", (HolidayCalendarSource source, TimeProvider time) =>
        {
            var today = Today(time);
            var years = source.Current.Years.Append(today.Year).Append(today.AddDays(HolidayCalendarSource.CoverageDays).Year).Distinct().Order();
            return Results.Ok(Status(source, years, today));
        });
        return admin;
    }

    private static object Status(HolidayCalendarSource source, IEnumerable<int> years, DateOnly today) => new
    {
        years = years.Select(y => new
        {
            year = y,
            status = source.Current.StatusOf(y).ToString().ToLowerInvariant(),
            days = source.Current.Holidays.Count(h => h.Date.Year == y),
            provisional = source.Current.Holidays.Count(h => h.Date.Year == y && h.Provisional),
        }),
        warning = source.Warning(today),
    };
}

/// <summary>Degraded (still serving, 200) while the next 60 days are not covered by an official list.</summary>
public sealed class HolidayCoverageHealthCheck(HolidayCalendarSource source, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(source.Warning(HolidayEndpoints.Today(time)) is { } warning ? HealthCheckResult.Degraded(warning) : HealthCheckResult.Healthy("The holiday calendar covers the next 60 days."));
    }
}

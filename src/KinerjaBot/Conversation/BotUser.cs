using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Activities;

namespace KinerjaBot.Conversation;

/// <summary>
/// Who is talking to the bot in this turn: the Teams user, their stored conversation reference and,
/// when they are in the directory, their employee record. The identity always comes from the inbound
/// activity, never from card data.
/// </summary>
public sealed class BotUser
{
    public required ConversationRef Reference { get; init; }
    public Employee? Employee { get; init; }
    public required Texts T { get; set; }
    public required TimeZoneInfo TimeZone { get; init; }

    public bool IsRegistered => Employee is not null;

    /// <summary>"Bapak Budi" / "Budi" — the formal address Indonesian civil servants expect.</summary>
    public string Address => Employee is null ? (Reference.UserName ?? "") : AddressOf(Employee, T);

    public static string AddressOf(Employee employee, Texts t) =>
        t.Format("Common.YouAddress", t[employee.Salutation == Salutation.Ibu ? "Common.Ibu" : "Common.Bapak"],
            employee.AddressName ?? Domain.Names.AddressName.Of(employee.Name, employee.Salutation == Salutation.Ibu));

    public DateOnly Today(TimeProvider time) => IndonesianTimeZones.LocalDate(time.GetUtcNow(), TimeZone);

    /// <summary>The stored reference as a protocol reference, for proactive sends.</summary>
    public static ConversationReference ToProtocol(ConversationRef r) =>
        new(r.ServiceUrl, r.ChannelId, r.ConversationId, r.TenantId, r.UserId, r.AadObjectId, r.BotId);
}

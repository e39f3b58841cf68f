using System.Globalization;
using System.Text.Json.Nodes;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain;
using KinerjaBot.Localization;
using KinerjaBot.Protocol.Cards;

namespace KinerjaBot.Features.Appraisal;

/// <summary>The pimpinan instansi's card for setting the capaian kinerja organisasi of a period.</summary>
public static class OrganisationResultCards
{
    public const string UnitInput = "unitId";
    public const string ResultInput = "result";

    /// <summary>Units listed with their result; a Pemda's units fit, and the choice below still offers all of them.</summary>
    private const int MaxListed = 40;

    public static AdaptiveCard Form(Texts t, PerformancePeriod period, IReadOnlyList<OrgUnit> units, IReadOnlyDictionary<int, OrganisationResultRow> stored)
    {
        var card = new AdaptiveCard
        {
            Body =
            {
                new TextBlock(t.Format("Appraisal.OrgResultSet.Title", t.Period(period))) { Size = CardStyles.Medium, Weight = CardStyles.Bolder },
                new TextBlock(t["Appraisal.OrgResultSet.Intro"]) { IsSubtle = true, Spacing = CardStyles.None },
                new FactSet
                {
                    Facts = units.Take(MaxListed).Select(u => new Fact(CardData.Cut(u.Name, 120), stored.TryGetValue(u.Id, out var row)
                        ? t.Format("Appraisal.OrgResultSet.SetValue", t["Appraisal.OrgResult." + row.Result], CardData.Cut(row.SetBy, 100), t.Date(DateOnly.FromDateTime(row.SetAt.ToOffset(TimeSpan.FromHours(7)).DateTime)))
                        : t["Appraisal.OrgResultSet.NotSet"])).ToList(),
                },
                new ChoiceSetInput
                {
                    Id = UnitInput, Label = t["Appraisal.OrgResultSet.Unit"], IsRequired = true, ErrorMessage = t["Appraisal.OrgResultSet.UnitRequired"], Style = CardStyles.Compact,
                    Value = units[0].Id.ToString(CultureInfo.InvariantCulture),
                    Choices = units.Take(100).Select(u => new Choice(CardData.Cut(u.Name, 120), u.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
                },
                new ChoiceSetInput
                {
                    Id = ResultInput, Label = t["Appraisal.Distribution.OrgResult"], IsRequired = true, ErrorMessage = t["Appraisal.Distribution.ChooseResult"], Style = CardStyles.Expanded,
                    Choices = Enum.GetValues<OrganisationResult>().Select(r => new Choice(t["Appraisal.OrgResult." + r], r.ToString())).ToList(),
                },
            },
            Actions = [new ExecuteAction { Verb = Verbs.OrganisationResultSet, Title = t["Appraisal.OrgResultSet.Save"], Style = CardStyles.Positive, Data = new JsonObject { ["period"] = period.Code } }],
        };
        return card;
    }
}

namespace KinerjaBot.Domain;

/// <summary>Capaian kinerja organisasi: the unit's result, which sets the allowed spread of employee predikat.</summary>
public enum OrganisationResult
{
    Istimewa,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

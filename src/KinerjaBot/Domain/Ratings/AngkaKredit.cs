namespace KinerjaBot.Domain;

/// <summary>Angka kredit for jabatan fungsional from the predikat (Peraturan BKN 3/2023, DOMAIN.md §2).</summary>
public static class AngkaKredit
{
    /// <summary>Decimals kept by <see cref="For"/>.</summary>
    public const int Decimals = 3;

    /// <summary>The conversion percentage of a predikat (150 for Sangat Baik).</summary>
    public static decimal Percentage(Predikat predikat) => predikat switch
    {
        Predikat.SangatBaik => 150m,
        Predikat.Baik => 100m,
        Predikat.ButuhPerbaikan => 75m,
        Predikat.KurangMisconduct => 50m,
        Predikat.SangatKurang => 25m,
        _ => throw new ArgumentOutOfRangeException(nameof(predikat), predikat, $"{predikat} is not a defined Predikat."),
    };

    /// <summary>months/12 × percentage × annual coefficient, rounded to <see cref="Decimals"/> decimals away from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Months outside 1–12, or a coefficient that is not positive.</exception>
    public static decimal For(Predikat p, decimal annualCoefficient, int months = 12) =>
        Round(Exact(p, annualCoefficient, months), Decimals);

    /// <summary>The unrounded value of <see cref="For"/>, for callers that round to a different precision.</summary>
    public static decimal Exact(Predikat p, decimal annualCoefficient, int months = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 12);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(annualCoefficient);

        // Multiply before dividing: one division keeps the error in the 28th digit, far below any rounding point.
        return months * Percentage(p) * annualCoefficient / 1200m;
    }

    /// <summary>Rounds half away from zero (2.0845 → 2.085), as hand calculations do; banker's rounding would surprise.</summary>
    /// <remarks>Round the <see cref="Exact"/> value, not an already rounded one: 2.0845 → 2.085 → 2.09 would be wrong.</remarks>
    public static decimal Round(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}

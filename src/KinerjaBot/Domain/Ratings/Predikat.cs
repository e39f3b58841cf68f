namespace KinerjaBot.Domain;

/// <summary>A supervisor's rating of work results or of work behaviour.</summary>
public enum Rating
{
    /// <summary>Di Bawah Ekspektasi.</summary>
    BelowExpectation = 1,

    /// <summary>Sesuai Ekspektasi.</summary>
    MeetsExpectation = 2,

    /// <summary>Di Atas Ekspektasi.</summary>
    AboveExpectation = 3,
}

/// <summary>Predikat kinerja pegawai, numbered in the order of the distribution curve.</summary>
public enum Predikat
{
    SangatKurang = 1,
    KurangMisconduct = 2,
    ButuhPerbaikan = 3,
    Baik = 4,
    SangatBaik = 5,
}

/// <summary>The Kuadran Kinerja Pegawai of PermenPANRB 6/2022 (DOMAIN.md §2).</summary>
public static class PredikatTable
{
    // Rows: work result, columns: behaviour, both in Rating order (Below, Meets, Above).
    // Kept as data so that a correction from the official PDF is a one-cell edit.
    private static readonly Predikat[,] Grid =
    {
        /* work Below */ { Predikat.SangatKurang, Predikat.ButuhPerbaikan, Predikat.ButuhPerbaikan },
        /* work Meets */ { Predikat.KurangMisconduct, Predikat.Baik, Predikat.Baik },
        /* work Above */ { Predikat.KurangMisconduct, Predikat.Baik, Predikat.SangatBaik },
    };

    /// <summary>All nine cells, work result major.</summary>
    public static IReadOnlyList<(Rating WorkResult, Rating Behaviour, Predikat Predikat)> Cells { get; } =
        [.. from work in Enum.GetValues<Rating>()
            from behaviour in Enum.GetValues<Rating>()
            select (work, behaviour, Grid[(int)work - 1, (int)behaviour - 1])];

    /// <summary>The predikat for a pair of ratings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rating is not a defined value.</exception>
    public static Predikat For(Rating workResult, Rating behaviour)
    {
        EnumGuard.EnsureDefined(workResult);
        EnumGuard.EnsureDefined(behaviour);
        return Grid[(int)workResult - 1, (int)behaviour - 1];
    }
}

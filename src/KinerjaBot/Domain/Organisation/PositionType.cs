namespace KinerjaBot.Domain;

/// <summary>Job types: JPT, the three JA levels, and JF (DOMAIN.md §5).</summary>
public enum PositionType
{
    /// <summary>Jabatan Pimpinan Tinggi (utama, madya, pratama).</summary>
    Jpt,

    /// <summary>Jabatan Administrasi, administrator level.</summary>
    Administrator,

    /// <summary>Jabatan Administrasi, pengawas level.</summary>
    Pengawas,

    /// <summary>Jabatan Administrasi, pelaksana level.</summary>
    Pelaksana,

    /// <summary>Jabatan Fungsional.</summary>
    Fungsional,
}

using System.ComponentModel.DataAnnotations;

namespace KinerjaBot.Localization;

/// <summary>Section <c>Organisation</c>: how the bot speaks of the organisation that runs it.</summary>
public sealed class OrganisationOptions
{
    public const string SectionName = "Organisation";

    /// <summary>
    /// Whom people should contact when their data is missing (no employee record, no SKP, no rater), as it
    /// reads after "Silakan hubungi …": e.g. "Bidang Penilaian Kinerja BKPSDM (ext. 214)". Shown as written in
    /// both languages; empty = a generic "pengelola kinerja di BKPSDM instansi Anda" in the user's language.
    /// </summary>
    [MaxLength(200)]
    public string? PerformanceContact { get; set; }
}

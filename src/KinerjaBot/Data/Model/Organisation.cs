using KinerjaBot.Domain;

namespace KinerjaBot.Data.Model;

/// <summary>An instansi or unit kerja; units nest (a Dinas contains its bidang).</summary>
public sealed class OrgUnit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public int? HeadEmployeeId { get; set; }

    /// <summary>IANA time zone of the unit's office; employees default to it.</summary>
    public string TimeZone { get; set; } = IndonesianTimeZones.Wib;

    /// <summary>Whether staff may ask peers (not only their rater) for feedback.</summary>
    public bool AllowPeerFeedback { get; set; }
}

/// <summary>A civil servant (PNS or PPPK), with how to reach them in Teams.</summary>
public sealed class Employee : IVersioned
{
    public int Id { get; set; }

    /// <summary>Nomor Induk Pegawai, 18 digits; the natural key used by imports.</summary>
    public required string Nip { get; set; }
    public required string Name { get; set; }
    public Salutation Salutation { get; set; }

    /// <summary>
    /// The name the person is addressed by ("Made", "Simanjuntak"), when the imported data says so; otherwise
    /// <see cref="Domain.Names.AddressName"/> derives it from <see cref="Name"/>.
    /// </summary>
    public string? AddressName { get; set; }
    public PositionType PositionType { get; set; }
    public required string PositionName { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }

    /// <summary>
    /// Not an ASN of the instansi but someone who rates one (the Kepala Daerah rates the Sekda): rates and
    /// finalises like any rater, but has no SKP, gets no reminders about their own work and is not counted
    /// in any unit. <see cref="Nip"/> then holds an identifier from the organisation import, not a NIP.
    /// </summary>
    /// <remarks>
    /// A flag on Employee rather than a table of its own: raters are employee ids everywhere (Employee.RaterId,
    /// appraisals, acting assignments, the Plt/Plh resolution, card refresh and the chat identity by
    /// aad_object_id), so an external rater works through all of it unchanged; only the few places that
    /// treat every employee as an ASN with work of their own filter the flag out.
    /// </remarks>
    public bool IsExternal { get; set; }

    /// <summary>Pejabat penilai kinerja: the direct supervisor who rates this employee.</summary>
    public int? RaterId { get; set; }
    public Employee? Rater { get; set; }

    /// <summary>Entra object id; how a Teams user is recognised as this employee.</summary>
    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string TimeZone { get; set; } = IndonesianTimeZones.Wib;

    /// <summary>"id" or "en"; null until the user or their Teams locale decides.</summary>
    public string? Language { get; set; }

    /// <summary>Annual angka kredit coefficient for fungsional positions (Peraturan BKN 3/2023).</summary>
    public decimal? CreditCoefficient { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>When the employee asked not to receive optional nudges.</summary>
    public bool OptionalNudgesOff { get; set; }

    /// <summary>A rater's choice: pending approvals as one daily digest instead of a card per submission.</summary>
    public bool ApprovalsAsDigest { get; set; }
    public int Version { get; set; }
}

public enum Salutation
{
    Bapak,
    Ibu,
}

/// <summary>
/// Capaian kinerja organisasi of a unit for one appraisal period, set by the pimpinan instansi in chat or by
/// a BKPSDM admin through the admin API; a unit without its own takes the nearest parent's.
/// </summary>
public sealed class OrganisationResultRow : IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }

    /// <summary><see cref="PerformancePeriod.Code"/>, e.g. "2026-Q3" or "2026".</summary>
    public required string PeriodCode { get; set; }
    public OrganisationResult Result { get; set; }

    /// <summary>The employee who set it in chat; null when an admin set it through the API.</summary>
    public int? SetByEmployeeId { get; set; }

    /// <summary>Who set it, as shown on cards: the employee's name or "admin BKPSDM (name given)".</summary>
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A Plt/Plh covering for a rater over a date range.</summary>
public sealed class ActingAssignmentRow
{
    public int Id { get; set; }
    public int SupervisorId { get; set; }
    public int ActingEmployeeId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public ActingKind Kind { get; set; }
}

namespace KinerjaBot.Domain;

/// <summary>Plt (pelaksana tugas, for a vacancy or long absence) or Plh (pelaksana harian, for a short absence).</summary>
public enum ActingKind
{
    Plt,
    Plh,
}

/// <summary><paramref name="ActingId"/> acts for <paramref name="SupervisorId"/> from <paramref name="From"/> to <paramref name="To"/>, both inclusive.</summary>
public sealed record ActingAssignment(string SupervisorId, string ActingId, DateOnly From, DateOnly To, ActingKind Kind)
{
    public string SupervisorId { get; } = Required(SupervisorId, nameof(SupervisorId));

    public string ActingId { get; } = Required(ActingId, nameof(ActingId));

    public DateOnly From { get; } = From;

    public DateOnly To { get; } = To >= From
        ? To
        : throw new ArgumentOutOfRangeException(nameof(To), To, "An acting assignment cannot end before it starts.");

    public ActingKind Kind { get; } = Valid(Kind);

    public bool Covers(DateOnly date) => From <= date && date <= To;

    private static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }

    private static ActingKind Valid(ActingKind kind)
    {
        EnumGuard.EnsureDefined(kind);
        return kind;
    }
}

namespace KinerjaBot.Domain;

/// <summary>Who rates on a given day: the definitive pejabat penilai kinerja, or whoever acts for them.</summary>
public static class RaterResolver
{
    /// <summary>
    /// The acting official when an assignment for the definitive rater covers the date, otherwise the definitive rater.
    /// When assignments overlap, the one that started last wins (a Plh for a few days inside a longer Plt);
    /// ties go to the shorter one, then to the ordinal order of the acting id so the answer never depends on input order.
    /// Assignments do not chain: whoever acts for the acting official is not considered.
    /// </summary>
    /// <returns>Null when there is no definitive rater; a vacancy must be modelled by the caller.</returns>
    public static string? EffectiveRater(string? definitiveRaterId, IEnumerable<ActingAssignment> actings, DateOnly onDate)
    {
        ArgumentNullException.ThrowIfNull(actings);
        if (definitiveRaterId is null)
        {
            return null;
        }

        var acting = actings
            .Where(a => string.Equals(a.SupervisorId, definitiveRaterId, StringComparison.Ordinal) && a.Covers(onDate))
            .OrderByDescending(a => a.From)
            .ThenBy(a => a.To)
            .ThenBy(a => a.ActingId, StringComparer.Ordinal)
            .FirstOrDefault();

        return acting?.ActingId ?? definitiveRaterId;
    }
}

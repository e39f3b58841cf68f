namespace KinerjaBot.Features.Import;

/// <summary>The work an import does once its whole file has passed validation.</summary>
internal sealed record ImportPlan(Func<CancellationToken, Task<ImportCounts>> ApplyAsync);

/// <summary>How many records an import created and updated.</summary>
public sealed class ImportCounts
{
    public int Created { get; set; }
    public int Updated { get; set; }
}

internal static class ImportGraph
{
    /// <summary>Whether following parents from <paramref name="start"/> comes back to it (a unit inside itself, a rater rating themself).</summary>
    public static bool HasCycle(string start, IReadOnlyDictionary<string, string?> parentOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var current = start;
        while (parentOf.TryGetValue(current, out var parent) && parent is not null)
        {
            if (!seen.Add(parent))
            {
                return parent == start;
            }

            current = parent;
        }

        return false;
    }
}

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
    /// <summary>Reports links to parents that exist nowhere, and links that would make a circle.</summary>
    public static void CheckLinks(
        IEnumerable<(int Line, string Key, string? Parent)> links, IReadOnlyDictionary<string, string?> parentOf,
        string column, string unknownKey, ImportErrors errors)
    {
        foreach (var (line, key, parent) in links.Where(l => l.Parent is not null))
        {
            if (!parentOf.ContainsKey(parent!))
            {
                errors.Add(line, column, unknownKey, parent);
            }
            else if (HasCycle(key, parentOf))
            {
                errors.Add(line, column, "Import.Cycle", key);
            }
        }
    }

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

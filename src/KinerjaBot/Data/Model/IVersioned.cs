namespace KinerjaBot.Data.Model;

/// <summary>
/// An entity two people can change at once. <see cref="Version"/> is the optimistic-concurrency token:
/// the context bumps it on every update, so a racing second writer gets a concurrency failure instead of
/// silently overwriting the first.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

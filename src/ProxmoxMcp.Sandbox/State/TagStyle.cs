namespace ProxmoxMcp.Sandbox.State;

/// <summary>
/// How Proxmox stores a guest's tags when they are written, under the default datacenter tag style
/// (case-sensitive off, ordering by name): each tag lowercased, sorted, duplicates dropped, joined with ';'.
/// A tag in capitals therefore exists only where a human switched case-sensitivity on or edited a
/// configuration file, which the sandbox's tests do by setting the state directly.
/// </summary>
public static class TagStyle
{
    public static string Unique(string tags) => string.Join(';',
        tags.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => tag.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
}

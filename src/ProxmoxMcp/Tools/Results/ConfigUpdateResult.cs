namespace ProxmoxMcp.Tools.Results;

/// <summary>What a configuration update changed.</summary>
/// <param name="Vmid">The guest id.</param>
/// <param name="Type">vm or container.</param>
/// <param name="Node">The node it lives on.</param>
/// <param name="Changes">Each changed option, before and after (secrets shown as "(set)").</param>
/// <param name="Digest">The configuration digest after the change.</param>
/// <param name="Message">What happened, and whether a restart is needed for it to apply.</param>
public sealed record ConfigUpdateResult(int Vmid, GuestKind Type, string Node, IReadOnlyList<ConfigChange> Changes, string Digest, string Message);

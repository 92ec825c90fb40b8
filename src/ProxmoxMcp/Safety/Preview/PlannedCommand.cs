namespace ProxmoxMcp.Safety.Preview;

/// <summary>A command a dry run would have run over SSH on a node, recorded instead of run.</summary>
/// <param name="Node">The Proxmox node it runs on.</param>
/// <param name="Target">user@host:port of the SSH connection.</param>
/// <param name="Argv">The command line as the node receives it.</param>
public sealed record PlannedCommand(string Node, string Target, IReadOnlyList<string> Argv);

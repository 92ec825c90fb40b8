namespace ProxmoxMcp.Tools.Results;

/// <summary>A command the real call would run over SSH on a node.</summary>
public sealed record PreviewCommand(string Node, string Target, IReadOnlyList<string> Argv);

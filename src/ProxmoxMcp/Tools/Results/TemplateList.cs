namespace ProxmoxMcp.Tools.Results;

/// <summary>What new guests can be made from.</summary>
public sealed record TemplateList(IReadOnlyList<TemplateItem> Templates, IReadOnlyList<string> OfflineNodes);

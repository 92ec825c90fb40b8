namespace ProxmoxMcp.Tools.Results;

/// <summary>What new guests can be made from.</summary>
/// <param name="Templates">Container templates and ISO images (for create_container and create_vm) and VM templates (for clone_vm).</param>
/// <param name="OfflineNodes">Nodes skipped because they are offline.</param>
public sealed record TemplateList(IReadOnlyList<TemplateItem> Templates, IReadOnlyList<string> OfflineNodes);

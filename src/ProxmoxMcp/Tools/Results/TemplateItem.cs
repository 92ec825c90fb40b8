namespace ProxmoxMcp.Tools.Results;

/// <summary>Something to create a guest from.</summary>
public sealed record TemplateItem(string Kind, string Id, string Name, string Node, double? SizeMib);

namespace ProxmoxMcp.Tools.Results;

/// <summary>Something to create a guest from.</summary>
/// <param name="Kind">container_template, iso, or vm_template.</param>
/// <param name="Id">The volid (local:vztmpl/..., local:iso/...) or, for a VM template, its vmid.</param>
/// <param name="Name">A readable name.</param>
/// <param name="Node">The node it is on.</param>
/// <param name="SizeMib">Size, MiB, for files.</param>
public sealed record TemplateItem(string Kind, string Id, string Name, string Node, double? SizeMib);

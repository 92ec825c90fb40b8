using ProxmoxMcp.Configuration;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// The frozen registry of this build and the part of it a given configuration exposes: the tiers
/// PROXMOX_TIERS names (all by default), and tier D' only when PROXMOX_ENABLE_EXEC=true as well.
/// The others are absent from tools/list and unknown by name; the checksum still covers them all.
/// </summary>
public static class ToolCatalog
{
    private static readonly Lazy<IReadOnlyList<ProxmoxToolBase>> AllTools = new(GeneratedToolRegistry.CreateTools);

    public static IReadOnlyList<ProxmoxToolBase> All => AllTools.Value;

    public static string Checksum => GeneratedToolRegistry.Checksum;

    public static string LockFileText => GeneratedToolRegistry.LockFileText;

    public static IReadOnlyList<ProxmoxToolBase> Exposed(ProxmoxOptions options) =>
        All.Where(tool => options.Exposes(tool.Tier)).ToList();
}

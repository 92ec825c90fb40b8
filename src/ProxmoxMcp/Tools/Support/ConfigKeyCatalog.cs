using System.Text.RegularExpressions;
using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// The operations whose options the provisioning tools accept by name: views of the safety policy's
/// table (<see cref="PolicyTable"/>), so a tool can never accept an option the policy would refuse,
/// and widening what a tool accepts means widening the table, which the registry checksum covers.
/// </summary>
public static partial class ConfigKeyCatalog
{
    public static OperationRule VmCreate => PolicyTable.Find("POST", "/nodes/{node}/qemu");

    public static OperationRule VmUpdate => PolicyTable.Find("PUT", "/nodes/{node}/qemu/{vmid}/config");

    public static OperationRule ContainerCreate => PolicyTable.Find("POST", "/nodes/{node}/lxc");

    public static OperationRule ContainerUpdate => PolicyTable.Find("PUT", "/nodes/{node}/lxc/{vmid}/config");

    /// <summary>Keys that attach storage: allowed only where no volume is attached yet, so nothing is ever detached or replaced.</summary>
    public static bool IsVolumeKey(string key) => VolumeKey().IsMatch(key);

    /// <summary>Keys whose values are secrets: never echoed back.</summary>
    public static bool IsSecret(string key) => key is "cipassword" or "password";

    [GeneratedRegex(@"^((scsi|virtio|sata|ide|mp)\d+|efidisk0|tpmstate0)$", RegexOptions.CultureInvariant)]
    private static partial Regex VolumeKey();
}

using System.Globalization;

namespace ProxmoxMcp.Tools.Support;

/// <summary>Builds the net0 property strings Proxmox expects for new guests.</summary>
public static class NetworkDevice
{
    /// <summary>"virtio,bridge=vmbr0,firewall=1[,tag=20]": Proxmox adds the MAC address.</summary>
    public static string Vm(string bridge, int? vlan) =>
        $"virtio,bridge={bridge},firewall=1" + (vlan is { } tag ? string.Create(CultureInfo.InvariantCulture, $",tag={tag}") : string.Empty);

    /// <summary>"name=eth0,bridge=vmbr0,ip=dhcp[,gw=...][,tag=20],firewall=1".</summary>
    public static string Container(string bridge, int? vlan, string ip, string? gateway) =>
        $"name=eth0,bridge={bridge},ip={ip}" + (gateway is null ? string.Empty : $",gw={gateway}") + ",firewall=1"
        + (vlan is { } tag ? string.Create(CultureInfo.InvariantCulture, $",tag={tag}") : string.Empty);
}

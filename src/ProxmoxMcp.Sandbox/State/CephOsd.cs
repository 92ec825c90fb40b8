namespace ProxmoxMcp.Sandbox.State;

/// <summary>One Ceph OSD: on which host, up or down, in or out, and how full.</summary>
public sealed record CephOsd(int Id, string Host, bool Up, bool In, double UsedFraction, string DeviceClass = "ssd");

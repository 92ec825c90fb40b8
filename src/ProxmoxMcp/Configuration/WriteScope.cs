namespace ProxmoxMcp.Configuration;

/// <summary>Which guests tiers B and C may change (PROXMOX_WRITE_SCOPE).</summary>
public enum WriteScope
{
    /// <summary>Any guest the API token may change.</summary>
    All,

    /// <summary>Only guests carrying the server's tag (PROXMOX_MCP_TAG, default "mcp").</summary>
    Tagged,
}

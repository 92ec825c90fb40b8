namespace ProxmoxMcp.Configuration;

/// <summary>How the server proves who it is to Proxmox.</summary>
public enum ApiLogin
{
    /// <summary>An API token (PROXMOX_TOKEN_NAME, PROXMOX_TOKEN_VALUE): the recommended login.</summary>
    Token,

    /// <summary>A user name and password (PROXMOX_PASSWORD), exchanged for a ticket that is renewed before it expires.</summary>
    Password,
}

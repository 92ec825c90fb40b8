namespace ProxmoxMcp.Sandbox.Http;

/// <summary>The JSON-schema types the Proxmox API declares for parameters.</summary>
public enum ParamType
{
    String,
    Integer,
    Number,
    Boolean,
    Array,
}

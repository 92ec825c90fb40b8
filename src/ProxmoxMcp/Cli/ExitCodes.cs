namespace ProxmoxMcp.Cli;

/// <summary>The CLI's exit codes, as documented: scripts and MCP clients rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}

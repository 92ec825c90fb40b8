namespace ProxmoxMcp.Cli;

/// <summary>The CLI's exit codes, as documented: scripts and MCP clients rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>A one-shot command (call, doctor) stopped by SIGINT or SIGTERM before it finished: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}

namespace ProxmoxMcp.Cli.ClientConfig;

/// <summary>The MCP clients whose configuration <c>proxmox-mcp client-config</c> writes.</summary>
public enum McpClientKind
{
    /// <summary>Claude Code: .mcp.json (project scope) and permission rules in .claude/settings.json.</summary>
    ClaudeCode,

    /// <summary>Claude Desktop: claude_desktop_config.json.</summary>
    ClaudeDesktop,

    /// <summary>Cursor: .cursor/mcp.json.</summary>
    Cursor,
}

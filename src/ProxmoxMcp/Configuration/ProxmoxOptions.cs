namespace ProxmoxMcp.Configuration;

/// <summary>
/// The validated settings. Built once at start by <see cref="OptionsLoader"/>; nothing else reads
/// the environment. Secrets (token value, password, SSH password) are never logged or echoed.
/// </summary>
public sealed record ProxmoxOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 8006;

    /// <summary>The user owning the API token (or logging in with a password), with its realm: <c>root@pam</c>, <c>mcp@pve</c>.</summary>
    public required string User { get; init; }

    public string TokenName { get; init; } = string.Empty;

    public string TokenValue { get; init; } = string.Empty;

    /// <summary>PROXMOX_PASSWORD: log in as <see cref="User"/> with a ticket instead of a token. Never log it.</summary>
    public string? Password { get; init; }

    public ApiLogin Login => Password is null ? ApiLogin.Token : ApiLogin.Password;

    /// <summary>The profile these settings came from (--profile, PROXMOX_PROFILE); null without one.</summary>
    public string? Profile { get; init; }

    /// <summary>Verify the certificate chain and host name (default false: most homelabs run a self-signed certificate).</summary>
    public bool VerifySsl { get; init; }

    /// <summary>SHA-256 of the server certificate, upper-case hex without separators; enforced whatever <see cref="VerifySsl"/> says.</summary>
    public string? TlsFingerprint { get; init; }

    /// <summary>How long one API call may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Refuse to start unless the registry checksum equals this (PROXMOX_MCP_REGISTRY_PIN).</summary>
    public string? RegistryPin { get; init; }

    /// <summary>The tag put on everything the server creates or clones (PROXMOX_MCP_TAG).</summary>
    public string CreatedTag { get; init; } = "mcp";

    public WriteScope WriteScope { get; init; } = WriteScope.All;

    public bool EnableExec { get; init; }

    public ExecTransport ExecVia { get; init; } = ExecTransport.Agent;

    /// <summary>Guests exec may touch (PROXMOX_EXEC_ALLOW): vmids, or a tag; empty means all.</summary>
    public IReadOnlySet<int> ExecAllowVmids { get; init; } = new HashSet<int>();

    public string? ExecAllowTag { get; init; }

    public SshOptions Ssh { get; init; } = new();

    /// <summary>Where in-guest executions are recorded as JSON lines (PROXMOX_MCP_AUDIT_LOG); null: stderr only.</summary>
    public string? AuditLogPath { get; init; }

    /// <summary>Rotate the audit log when it reaches this size (PROXMOX_MCP_AUDIT_MAX_MB, default 10 MiB).</summary>
    public long AuditMaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Rotated audit files kept beside the current one (PROXMOX_MCP_AUDIT_KEEP).</summary>
    public int AuditKeepFiles { get; init; } = 9;

    /// <summary>Which calls need a person's yes through the MCP client (PROXMOX_CONFIRM).</summary>
    public ConfirmationRules Confirm { get; init; } = ConfirmationRules.None;

    /// <summary>How long to wait for that yes (PROXMOX_CONFIRM_TIMEOUT); no answer is a no.</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The tiers whose tools are exposed (PROXMOX_TIERS); exec also needs <see cref="EnableExec"/>.</summary>
    public IReadOnlySet<Tools.ToolTier> Tiers { get; init; } = new HashSet<Tools.ToolTier>(Enum.GetValues<Tools.ToolTier>());

    public TimeBudgets Budgets { get; init; } = new();

    /// <summary>Which changes take a safety snapshot of the guest first (PROXMOX_SNAPSHOT_BEFORE, PROXMOX_SNAPSHOT_KEEP).</summary>
    public SnapshotRules Snapshots { get; init; } = SnapshotRules.Off;

    /// <summary>Whether a tier's tools are exposed under these settings.</summary>
    public bool Exposes(Tools.ToolTier tier) => Tiers.Contains(tier) && (tier != Tools.ToolTier.GuestExec || EnableExec);

    public string ApiBaseUrl => $"https://{FormatHost(Host)}:{Port}/api2/json/";

    /// <summary>The Authorization header value. Never log it.</summary>
    public string AuthorizationHeader => $"PVEAPIToken={User}!{TokenName}={TokenValue}";

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}

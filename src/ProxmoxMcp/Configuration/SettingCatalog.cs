namespace ProxmoxMcp.Configuration;

/// <summary>
/// Every setting a user may give, in one list: the source of <c>.mcp/server.json</c>'s environment
/// variables (<c>proxmox-mcp settings --server-json</c>), the names a profile may set, and what the tests
/// hold <c>.env.example</c>, the README's settings table and the code's own reads to.
/// </summary>
public static class SettingCatalog
{
    private static readonly string[] Booleans = ["true", "false"];

    public static IReadOnlyList<Setting> All { get; } =
    [
        new("PROXMOX_HOST", "The Proxmox VE node to talk to: a host name, an IP address, or https://host:port.", Required: true),
        new("PROXMOX_PORT", "The API port.", "8006", Format: "number"),
        new("PROXMOX_USER", "The user with its realm, e.g. mcp@pve: the API token's owner, or the user a password logs in as.", Required: true),
        new("PROXMOX_TOKEN_NAME", "The API token id, e.g. agent (or the full user@realm!agent); required unless PROXMOX_PASSWORD is set."),
        new("PROXMOX_TOKEN_VALUE", "The API token secret (a UUID); required unless PROXMOX_PASSWORD is set.", Secret: true),
        new("PROXMOX_PASSWORD", "Log in as PROXMOX_USER with this password instead of an API token (a ticket, renewed before it expires); a token is recommended.", Secret: true),
        new("PROXMOX_TLS_FINGERPRINT", "SHA-256 fingerprint of the node's certificate (colons allowed); pinned whatever PROXMOX_VERIFY_SSL says."),
        new("PROXMOX_VERIFY_SSL", "Verify the certificate chain and host name (most homelab nodes use their own CA: pin the fingerprint instead).", "false", Format: "boolean", Choices: Booleans),
        new("PROXMOX_TIMEOUT", "Seconds one API call may take.", "30", Format: "number"),
        new("PROXMOX_LOG_LEVEL", "stderr verbosity (serve; call and doctor default to warning).", "information",
            Choices: ["trace", "debug", "information", "warning", "error", "critical", "none"]),
        new("PROXMOX_MCP_REGISTRY_PIN", "Refuse to start unless the tool registry checksum ('proxmox-mcp tools --checksum') is this."),
        new("PROXMOX_MCP_TAG", "The tag put on every guest the server creates or clones.", "mcp"),
        new("PROXMOX_WRITE_SCOPE", "tagged: power, provisioning and exec tools only touch guests carrying PROXMOX_MCP_TAG.", "all", Choices: ["all", "tagged"]),
        new("PROXMOX_TIERS", "Which tiers' tools are offered: a comma-separated list of read, power, provision, exec.", "all"),
        new("PROXMOX_CONFIRM", "Calls that need the user's yes through the MCP client: tool names, tier:NAME, tag:NAME or writes, comma-separated."),
        new("PROXMOX_CONFIRM_TIMEOUT", "Seconds to wait for that yes; no answer is a no.", "120", Format: "number"),
        new("PROXMOX_TIME_BUDGETS", "Seconds one call of a tier may take, e.g. read=60,power=60,provision=120,exec=30.", "read=60,power=60,provision=120,exec=30"),
        new("PROXMOX_SNAPSHOT_BEFORE", "Take a safety snapshot of the guest before these changes: config, resize, exec, comma-separated; add best-effort to change guests whose storage cannot take snapshots without one.", "off"),
        new("PROXMOX_SNAPSHOT_KEEP", "A guest holding this many safety snapshots (mcp_...) is not changed until a human removes old ones; the server never removes any.", "5", Format: "number"),
        new("PROXMOX_MCP_AUDIT_LOG", "The hash-chained JSON-lines record of every tool call (default ~/.local/state/proxmox-mcp/audit.jsonl, audit-PROFILE.jsonl for a profile); off for stderr only.", Format: "filepath"),
        new("PROXMOX_MCP_AUDIT_MAX_MB", "Rotate the audit file at this size in MiB.", "10", Format: "number"),
        new("PROXMOX_MCP_AUDIT_KEEP", "Rotated audit files kept.", "9", Format: "number"),
        new("PROXMOX_MCP_HTTP_TOKEN", "For serve --http: the bearer token clients must send; required to bind beyond loopback.", Secret: true),
        new("PROXMOX_MCP_HTTP_MAX_SESSIONS", "For serve --http: open sessions at most.", "100", Format: "number"),
        new("PROXMOX_MCP_HTTP_MAX_SESSIONS_PER_CLIENT", "For serve --http: open sessions at most from one address.", "50", Format: "number"),
        new("PROXMOX_MCP_ALLOWED_HOSTS", "For serve --http: host names (optional :port) answered besides localhost and IP addresses, e.g. a reverse proxy's."),
        new("PROXMOX_MCP_CERT_PASSWORD", "For serve --http --cert: the password of a PFX file or an encrypted PEM key.", Secret: true),
        new("PROXMOX_ENABLE_EXEC", "Offer exec_in_vm and exec_in_container: commands inside guests (read SECURITY.md first).", "false", Format: "boolean", Choices: Booleans),
        new("PROXMOX_EXEC_VIA", "Run commands in VMs through the guest agent API (agent) or qm guest exec over SSH (ssh).", "agent", Choices: ["agent", "ssh"]),
        new("PROXMOX_EXEC_ALLOW", "Only these guests for exec: vmids (101,102) or tag:NAME, a tag only a human sets; empty allows every guest."),
        new("PROXMOX_SSH_HOST", "The SSH host for pct exec (default: PROXMOX_HOST)."),
        new("PROXMOX_SSH_HOSTS", "SSH hosts per node, e.g. pve1=10.0.0.11,pve2=10.0.0.12."),
        new("PROXMOX_SSH_PORT", "The SSH port.", "22", Format: "number"),
        new("PROXMOX_SSH_USER", "The SSH user on the nodes.", "root"),
        new("PROXMOX_SSH_CLIENT", "sshnet: SSH in process; openssh: the system ssh client (for ~/.ssh/config, ProxyJump or an agent).", "sshnet", Choices: ["sshnet", "openssh"]),
        new("PROXMOX_SSH_KEY_FILE", "The SSH private key (default ~/.ssh/id_ed25519, id_ecdsa, id_rsa).", Format: "filepath"),
        new("PROXMOX_SSH_KEY_PASSPHRASE", "The SSH key's passphrase.", Secret: true),
        new("PROXMOX_SSH_PASSWORD", "An SSH password instead of a key.", Secret: true),
        new("PROXMOX_SSH_KNOWN_HOSTS", "Where SSH host keys are checked, with /etc/ssh/ssh_known_hosts (default ~/.ssh/known_hosts); unknown keys are refused.", Format: "filepath"),
        new("PROXMOX_SSH_HOST_KEY_FINGERPRINT", "A pinned SSH host key, SHA256:... as ssh-keygen -lf prints it."),
        new("PROXMOX_SSH_COMMAND", "The OpenSSH client run with PROXMOX_SSH_CLIENT=openssh.", "ssh", Format: "filepath"),
        new(OptionsLoader.ProfileVariable, "The profile to serve from the profiles file (as --profile does).", InProfile: false),
        new(ProfilesFile.FileVariable, "The profiles file (default ~/.config/proxmox-mcp/profiles.env).", Format: "filepath", InProfile: false),
        new(SettingsSource.EnvFileVariable, "A .env file to read settings from (default .env in the working directory); the environment wins over it.", Format: "filepath", InProfile: false),
    ];

    private static readonly Dictionary<string, Setting> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static Setting? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>" (did you mean X?)" for a name one or two edits from a setting; empty otherwise.</summary>
    public static string Suggestion(string name)
    {
        var best = All.Select(s => (s.Name, Distance: Distance(name.ToUpperInvariant(), s.Name))).MinBy(c => c.Distance);
        return best.Distance <= 2 ? $" (did you mean {best.Name}?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}

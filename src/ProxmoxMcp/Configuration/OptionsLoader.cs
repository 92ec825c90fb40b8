using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// Turns raw settings into <see cref="ProxmoxOptions"/>, collecting every problem before failing so
/// the user sees them all in one message. The variable names are the ones users already know.
/// </summary>
public static partial class OptionsLoader
{
    /// <summary>The profile whose settings were read (set from --profile, or by the user).</summary>
    public const string ProfileVariable = "PROXMOX_PROFILE";

    [GeneratedRegex(@"^[^\s@!:]+@[A-Za-z0-9][A-Za-z0-9.\-_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9.\-_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?$|^[0-9a-fA-F:]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    [GeneratedRegex(@"^[a-z0-9_][a-z0-9_\-+.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^SHA256:[A-Za-z0-9+/]{43}=?$", RegexOptions.CultureInvariant)]
    private static partial Regex SshFingerprintPattern();

    /// <summary>Options for a real cluster: PROXMOX_HOST and a login (an API token, or PROXMOX_USER with PROXMOX_PASSWORD) are required.</summary>
    public static ProxmoxOptions Load(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<string>();
        var reader = new Reader(settings, problems);

        var (host, portFromUrl) = ParseHost(reader.Text("PROXMOX_HOST"), problems);
        var port = reader.Integer("PROXMOX_PORT", portFromUrl ?? 8006, 1, 65535);
        // Passwords are taken as given: a space at either end may be part of one.
        var password = settings.TryGetValue("PROXMOX_PASSWORD", out var given) && !string.IsNullOrWhiteSpace(given) ? given : null;
        string? user, tokenName = null, tokenValue = null;
        if (password is not null)
        {
            user = ParseLoginUser(reader.Text("PROXMOX_USER"), problems);
            if (reader.Text("PROXMOX_TOKEN_NAME") is not null || reader.Text("PROXMOX_TOKEN_VALUE") is not null)
            {
                problems.Add("PROXMOX_PASSWORD and an API token (PROXMOX_TOKEN_NAME, PROXMOX_TOKEN_VALUE) are both set: choose one login (the token is recommended: remove PROXMOX_PASSWORD)");
            }
        }
        else
        {
            (user, tokenName) = ParseToken(reader.Text("PROXMOX_USER"), reader.Text("PROXMOX_TOKEN_NAME"), problems);
            tokenValue = reader.Text("PROXMOX_TOKEN_VALUE");
            if (string.IsNullOrEmpty(tokenValue))
            {
                problems.Add("PROXMOX_TOKEN_VALUE is missing: the secret shown once when the API token was created (a UUID); without a token, PROXMOX_PASSWORD logs in with the user's password");
            }
            else if (tokenValue.Any(char.IsWhiteSpace))
            {
                problems.Add("PROXMOX_TOKEN_VALUE contains whitespace; copy the secret exactly (it is usually a UUID)");
            }
        }

        var options = Common(reader, problems, new ProxmoxOptions
        {
            Host = host ?? string.Empty,
            Port = port,
            User = user ?? string.Empty,
            TokenName = tokenName ?? string.Empty,
            TokenValue = tokenValue ?? string.Empty,
            Password = password,
        });
        return problems.Count > 0 ? throw new ConfigurationException(problems) : options;
    }

    /// <summary>
    /// Options for the built-in sandbox: the connection comes from the sandbox; every other setting
    /// (exec, write scope, tag, pin) is read as usual, and PROXMOX_HOST and the token are ignored.
    /// </summary>
    public static ProxmoxOptions LoadForSandbox(IReadOnlyDictionary<string, string> settings, ProxmoxOptions connection)
    {
        var problems = new List<string>();
        var options = Common(new Reader(settings, problems), problems, connection, sandbox: true);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : options;
    }

    private static ProxmoxOptions Common(Reader reader, List<string> problems, ProxmoxOptions connection, bool sandbox = false)
    {
        var fingerprint = reader.Text("PROXMOX_TLS_FINGERPRINT")?.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (fingerprint is not null && !Sha256Hex().IsMatch(fingerprint))
        {
            problems.Add("PROXMOX_TLS_FINGERPRINT must be the certificate's SHA-256 fingerprint: 64 hex digits, colons allowed (see Datacenter > node > System > Certificates)");
        }
        var pin = reader.Text("PROXMOX_MCP_REGISTRY_PIN")?.ToLowerInvariant();
        if (pin is not null && !Sha256Hex().IsMatch(pin))
        {
            problems.Add("PROXMOX_MCP_REGISTRY_PIN must be 64 hex digits, as printed by 'proxmox-mcp tools --checksum'");
        }
        var tag = reader.Text("PROXMOX_MCP_TAG") ?? "mcp";
        if (!TagPattern().IsMatch(tag))
        {
            problems.Add($"PROXMOX_MCP_TAG '{tag}' is not a valid Proxmox tag (lowercase letters, digits, '_', '-', '+', '.')");
        }
        var (allowVmids, allowTag) = ParseExecAllow(reader.Text("PROXMOX_EXEC_ALLOW"), problems);
        if (allowTag is not null && allowTag == tag)
        {
            problems.Add($"PROXMOX_EXEC_ALLOW=tag:{allowTag} names the tag the server puts on every guest it creates (PROXMOX_MCP_TAG={tag}): the agent could grant itself in-guest execution by creating a guest; choose a tag only a human sets");
        }
        var enableExec = reader.Boolean("PROXMOX_ENABLE_EXEC", false);
        var tiers = ParseTiers(reader.Text("PROXMOX_TIERS"), problems);
        if (reader.Text("PROXMOX_TIERS") is not null && tiers.Contains(Tools.ToolTier.GuestExec) && !enableExec)
        {
            problems.Add("PROXMOX_TIERS names exec, but in-guest execution is off; set PROXMOX_ENABLE_EXEC=true as well, or leave exec out");
        }
        return connection with
        {
            VerifySsl = reader.Boolean("PROXMOX_VERIFY_SSL", connection.VerifySsl),
            TlsFingerprint = fingerprint ?? connection.TlsFingerprint,
            RequestTimeout = TimeSpan.FromSeconds(reader.Integer("PROXMOX_TIMEOUT", (int)connection.RequestTimeout.TotalSeconds, 1, 600)),
            RegistryPin = pin,
            CreatedTag = tag,
            WriteScope = reader.Choice("PROXMOX_WRITE_SCOPE", WriteScope.All),
            EnableExec = enableExec,
            ExecVia = reader.Choice("PROXMOX_EXEC_VIA", ExecTransport.Agent),
            ExecAllowVmids = allowVmids,
            ExecAllowTag = allowTag,
            Ssh = ReadSsh(reader, problems),
            Profile = reader.Text(ProfileVariable),
            AuditLogPath = AuditLog(reader.Text("PROXMOX_MCP_AUDIT_LOG"), sandbox, reader.Text(ProfileVariable)),
            AuditMaxBytes = reader.Integer("PROXMOX_MCP_AUDIT_MAX_MB", 10, 1, 10_240) * 1024L * 1024,
            AuditKeepFiles = reader.Integer("PROXMOX_MCP_AUDIT_KEEP", 9, 1, 1000),
            Confirm = ParseConfirm(reader.Text("PROXMOX_CONFIRM"), problems),
            ConfirmTimeout = TimeSpan.FromSeconds(reader.Integer("PROXMOX_CONFIRM_TIMEOUT", 120, 1, 3600)),
            Tiers = tiers,
            Budgets = ParseBudgets(reader.Text("PROXMOX_TIME_BUDGETS"), problems),
            Snapshots = ParseSnapshots(reader.Text("PROXMOX_SNAPSHOT_BEFORE"), reader.Integer("PROXMOX_SNAPSHOT_KEEP", 5, 1, 100), problems),
        };
    }

    /// <summary>The audit file these settings name (for <c>audit verify</c>, which needs no cluster settings).</summary>
    public static string? AuditLogPath(IReadOnlyDictionary<string, string> settings) =>
        AuditLog(settings.TryGetValue("PROXMOX_MCP_AUDIT_LOG", out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null, sandbox: false,
            settings.TryGetValue(ProfileVariable, out var profile) && !string.IsNullOrWhiteSpace(profile) ? profile.Trim() : null);

    /// <summary>
    /// The audit log: PROXMOX_MCP_AUDIT_LOG, "off" for none, or ~/.local/state/proxmox-mcp/audit.jsonl
    /// (sandbox-audit.jsonl for the sandbox, so trying it out never mixes with a real cluster's record;
    /// audit-PROFILE.jsonl for a profile, so two clusters served side by side keep a record each).
    /// </summary>
    private static string? AuditLog(string? configured, bool sandbox, string? profile) => configured?.ToLowerInvariant() switch
    {
        "off" or "none" or "false" => null,
        null => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "proxmox-mcp",
            (sandbox ? "sandbox-" : string.Empty) + (profile is null ? "audit.jsonl" : $"audit-{profile}.jsonl")),
        _ => ExpandHome(configured!),
    };

    /// <summary>"~/x" to the home directory, as a shell would (paths in .env files are not expanded otherwise).</summary>
    internal static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    private static SshOptions ReadSsh(Reader reader, List<string> problems)
    {
        var keyFile = reader.Text("PROXMOX_SSH_KEY_FILE") is { } key ? ExpandHome(key) : null;
        if (keyFile is not null && !File.Exists(keyFile))
        {
            problems.Add($"PROXMOX_SSH_KEY_FILE: the file '{keyFile}' does not exist");
        }
        var knownHosts = reader.Text("PROXMOX_SSH_KNOWN_HOSTS") is { } hosts ? ExpandHome(hosts) : null;
        if (knownHosts is not null && !File.Exists(knownHosts))
        {
            problems.Add($"PROXMOX_SSH_KNOWN_HOSTS: the file '{knownHosts}' does not exist");
        }
        var fingerprint = reader.Text("PROXMOX_SSH_HOST_KEY_FINGERPRINT");
        if (fingerprint is not null && !SshFingerprintPattern().IsMatch(fingerprint))
        {
            problems.Add("PROXMOX_SSH_HOST_KEY_FINGERPRINT must look like 'SHA256:' followed by 43 base64 characters, as 'ssh-keygen -lf' prints it");
        }
        var nodeHosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (reader.Text("PROXMOX_SSH_HOSTS") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || !HostPattern().IsMatch(parts[1]))
            {
                problems.Add($"PROXMOX_SSH_HOSTS entry '{entry}' must be node=host");
                continue;
            }
            nodeHosts[parts[0]] = parts[1];
        }
        var host = reader.Text("PROXMOX_SSH_HOST");
        if (host is not null && !HostPattern().IsMatch(host))
        {
            problems.Add($"PROXMOX_SSH_HOST '{host}' is not a host name or IP address");
        }
        return new SshOptions
        {
            Host = host,
            Port = reader.Integer("PROXMOX_SSH_PORT", 22, 1, 65535),
            User = reader.Text("PROXMOX_SSH_USER") ?? "root",
            KeyFile = keyFile,
            Password = reader.Text("PROXMOX_SSH_PASSWORD"),
            KnownHostsFile = knownHosts,
            HostKeyFingerprint = fingerprint,
            NodeHosts = nodeHosts,
            Command = reader.Text("PROXMOX_SSH_COMMAND") ?? "ssh",
            KeyPassphrase = reader.Text("PROXMOX_SSH_KEY_PASSPHRASE"),
            Client = reader.Choice("PROXMOX_SSH_CLIENT", SshClientKind.SshNet),
        };
    }

    private static (string? Host, int? Port) ParseHost(string? value, List<string> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add("PROXMOX_HOST is missing: the name or IP address of a Proxmox node (e.g. 192.168.1.10 or pve.lan)");
            return (null, null);
        }
        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"PROXMOX_HOST '{value}' must be a host name, an IP address or an https:// URL (the Proxmox API is HTTPS only)");
                return (null, null);
            }
            return (uri.IdnHost.Trim('[', ']'), uri.IsDefaultPort ? null : uri.Port);
        }
        if (!HostPattern().IsMatch(value))
        {
            problems.Add($"PROXMOX_HOST '{value}' is not a host name or IP address");
            return (null, null);
        }
        return (value, null);
    }

    private static (string? User, string? TokenName) ParseToken(string? user, string? tokenName, List<string> problems)
    {
        // Many users paste the full token id "user@realm!name" as the token name; accept it.
        if (tokenName is not null && tokenName.Contains('!', StringComparison.Ordinal))
        {
            var parts = tokenName.Split('!', 2);
            if (user is not null && !string.Equals(user, parts[0], StringComparison.Ordinal))
            {
                problems.Add($"PROXMOX_TOKEN_NAME '{tokenName}' belongs to user '{parts[0]}', but PROXMOX_USER is '{user}'");
            }
            user ??= parts[0];
            tokenName = parts[1];
        }
        if (string.IsNullOrEmpty(user))
        {
            problems.Add("PROXMOX_USER is missing: the user owning the API token, with its realm (e.g. root@pam or mcp@pve)");
        }
        else if (!UserPattern().IsMatch(user))
        {
            problems.Add($"PROXMOX_USER '{user}' must be user@realm (e.g. root@pam or mcp@pve)");
        }
        if (string.IsNullOrEmpty(tokenName))
        {
            problems.Add("PROXMOX_TOKEN_NAME is missing: the token id created under Datacenter > Permissions > API Tokens (e.g. mcp)");
        }
        else if (!TokenNamePattern().IsMatch(tokenName))
        {
            problems.Add($"PROXMOX_TOKEN_NAME '{tokenName}' must start with a letter and hold only letters, digits, '.', '-' and '_'");
        }
        return (user, tokenName);
    }

    /// <summary>PROXMOX_USER for a password login: the user itself, never a token id.</summary>
    private static string? ParseLoginUser(string? user, List<string> problems)
    {
        if (string.IsNullOrEmpty(user))
        {
            problems.Add("PROXMOX_USER is missing: the user to log in as with PROXMOX_PASSWORD, with its realm (e.g. root@pam or mcp@pve)");
        }
        else if (user.Contains('!', StringComparison.Ordinal))
        {
            problems.Add($"PROXMOX_USER '{user}' names an API token, but PROXMOX_PASSWORD logs in as a user: give user@realm, or use the token (PROXMOX_TOKEN_VALUE) instead of the password");
        }
        else if (!UserPattern().IsMatch(user))
        {
            problems.Add($"PROXMOX_USER '{user}' must be user@realm (e.g. root@pam or mcp@pve)");
        }
        return user;
    }

    private static (IReadOnlySet<int> Vmids, string? Tag) ParseExecAllow(string? value, List<string> problems)
    {
        var vmids = new HashSet<int>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return (vmids, null);
        }
        if (value.StartsWith("tag:", StringComparison.Ordinal))
        {
            var tag = value[4..].Trim();
            if (!TagPattern().IsMatch(tag))
            {
                problems.Add($"PROXMOX_EXEC_ALLOW: '{tag}' is not a valid Proxmox tag");
            }
            return (vmids, tag);
        }
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) && vmid is >= 100 and <= 999_999_999)
            {
                vmids.Add(vmid);
            }
            else
            {
                problems.Add($"PROXMOX_EXEC_ALLOW: '{item}' is not a vmid (100-999999999); use a comma-separated list of vmids or tag:NAME");
            }
        }
        return (vmids, null);
    }

    /// <summary>PROXMOX_TIERS: a comma-separated list of read, power, provision, exec; all when unset.</summary>
    public static IReadOnlySet<Tools.ToolTier> ParseTiers(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new HashSet<Tools.ToolTier>(Enum.GetValues<Tools.ToolTier>());
        }
        var tiers = new HashSet<Tools.ToolTier>();
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Tools.ToolTierNames.TryParse(item, out var tier))
            {
                tiers.Add(tier);
            }
            else
            {
                problems.Add($"PROXMOX_TIERS: '{item}' is not a tier; use a comma-separated list of {string.Join(", ", Tools.ToolTierNames.All)}");
            }
        }
        if (tiers.Count == 0 && problems.Count == 0)
        {
            problems.Add("PROXMOX_TIERS names no tier; use e.g. read or read,power");
        }
        return tiers;
    }

    /// <summary>PROXMOX_CONFIRM: tool names, tier:NAME, tag:NAME and writes, comma-separated.</summary>
    private static ConfirmationRules ParseConfirm(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ConfirmationRules.None;
        }
        var tools = new HashSet<string>(StringComparer.Ordinal);
        var tiers = new HashSet<Tools.ToolTier>();
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var writes = false;
        var known = Hosting.ToolCatalog.All.Select(t => t.Definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (rule == "writes")
            {
                writes = true;
            }
            else if (rule.StartsWith("tier:", StringComparison.Ordinal))
            {
                if (Tools.ToolTierNames.TryParse(rule[5..], out var tier))
                {
                    tiers.Add(tier);
                }
                else
                {
                    problems.Add($"PROXMOX_CONFIRM: '{rule}' names no tier; tiers are {string.Join(", ", Tools.ToolTierNames.All.Select(n => "tier:" + n))}");
                }
            }
            else if (rule.StartsWith("tag:", StringComparison.Ordinal))
            {
                var tag = rule[4..].Trim();
                if (TagPattern().IsMatch(tag))
                {
                    tags.Add(tag);
                }
                else
                {
                    problems.Add($"PROXMOX_CONFIRM: '{rule}': '{tag}' is not a valid Proxmox tag (lowercase letters, digits, '_', '-', '+', '.')");
                }
            }
            else if (known.Contains(rule))
            {
                tools.Add(rule);
            }
            else
            {
                problems.Add($"PROXMOX_CONFIRM: '{rule}' is not a rule; use tool names (e.g. stop_vm), tier:power, tier:provision, tier:exec, tag:NAME or writes ('proxmox-mcp tools' lists the tool names)");
            }
        }
        return new ConfirmationRules { Tools = tools, Tiers = tiers, Tags = tags, Writes = writes };
    }

    /// <summary>PROXMOX_SNAPSHOT_BEFORE: config, resize, exec and best-effort, comma-separated; off when unset.</summary>
    private static SnapshotRules ParseSnapshots(string? value, int keep, List<string> problems)
    {
        var before = new HashSet<SnapshotTrigger>();
        var bestEffort = false;
        if (value is null || value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return SnapshotRules.Off with { Keep = keep };
        }
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item.Equals("best-effort", StringComparison.OrdinalIgnoreCase))
            {
                bestEffort = true;
            }
            else if (Enum.TryParse<SnapshotTrigger>(item, ignoreCase: true, out var trigger) && Enum.IsDefined(trigger) && !char.IsDigit(item[0]))
            {
                before.Add(trigger);
            }
            else
            {
                problems.Add($"PROXMOX_SNAPSHOT_BEFORE: '{item}' is not one of config, resize, exec, best-effort (comma-separated), or off");
            }
        }
        if (bestEffort && before.Count == 0 && problems.Count == 0)
        {
            problems.Add("PROXMOX_SNAPSHOT_BEFORE: best-effort goes with the changes to snapshot before, e.g. config,best-effort");
        }
        return new SnapshotRules { Before = before, BestEffort = bestEffort, Keep = keep };
    }

    /// <summary>PROXMOX_TIME_BUDGETS: tier=seconds pairs, e.g. read=30,provision=300.</summary>
    private static TimeBudgets ParseBudgets(string? value, List<string> problems)
    {
        var budgets = new TimeBudgets();
        foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Tools.ToolTierNames.TryParse(parts[0], out var tier)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600)
            {
                budgets = budgets.With(tier, TimeSpan.FromSeconds(seconds));
            }
            else
            {
                problems.Add($"PROXMOX_TIME_BUDGETS: '{entry}' must be TIER=SECONDS with a tier of {string.Join(", ", Tools.ToolTierNames.All)} and 1 to 3600 seconds, e.g. read=30,provision=300");
            }
        }
        return budgets;
    }

    /// <summary>Typed reads of single settings that record a problem instead of throwing.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> settings, List<string> problems)
    {
        public string? Text(string name) =>
            settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public int Integer(string name, int defaultValue, int minimum, int maximum)
        {
            var text = Text(name);
            if (text is null)
            {
                return defaultValue;
            }
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            {
                return value;
            }
            problems.Add($"{name} '{text}' must be a whole number from {minimum} to {maximum}");
            return defaultValue;
        }

        public bool Boolean(string name, bool defaultValue)
        {
            var text = Text(name);
            switch (text?.ToLowerInvariant())
            {
                case null:
                    return defaultValue;
                case "1" or "true" or "yes" or "on":
                    return true;
                case "0" or "false" or "no" or "off":
                    return false;
                default:
                    problems.Add($"{name} '{text}' must be true or false");
                    return defaultValue;
            }
        }

        public TEnum Choice<TEnum>(string name, TEnum defaultValue) where TEnum : struct, Enum
        {
            var text = Text(name);
            if (text is null)
            {
                return defaultValue;
            }
            if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0]))
            {
                return value;
            }
            problems.Add($"{name} '{text}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}");
            return defaultValue;
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>
/// The QEMU guest agent of a VM: exec (command as an argument array, no shell), exec-status (the
/// process is forgotten once reported as exited, as QEMU does), network interfaces, ping. A few
/// commands are emulated; anything else fails the way a missing binary does.
/// </summary>
internal static partial class AgentEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster)
    {
        const string template = "/nodes/{node}/qemu/{vmid}/agent";

        router.Map("POST", $"{template}/exec", [P.Node, P.Vmid, P.Array("command"), P.Str("input-data", 65536).Opt()], request =>
        {
            var guest = RequireAgent(cluster, request);
            var command = request.All("command");
            if (command.Count == 0 || command[0].Length == 0)
            {
                throw ApiException.Parameter("command", "property is missing and it is not optional");
            }
            var (exitCode, output, error, duration) = Emulate(guest, command, request.Get("input-data"));
            var pid = cluster.NextAgentPid();
            cluster.AgentProcesses[pid] = new AgentProcess(pid, guest.Vmid, cluster.Now + duration, exitCode, output, error);
            return new Dictionary<string, object?> { ["pid"] = pid };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentUnrestricted));

        router.Map("GET", $"{template}/exec-status", [P.Node, P.Vmid, P.Int("pid")], request =>
        {
            var guest = RequireAgent(cluster, request);
            var pid = (int)request.Int("pid")!.Value;
            if (!cluster.AgentProcesses.TryGetValue(pid, out var process) || process.Vmid != guest.Vmid)
            {
                throw ApiException.Failed($"Agent error: Invalid parameter 'pid'");
            }
            if (process.ExitsAt > cluster.Now)
            {
                return new Dictionary<string, object?> { ["exited"] = 0 };
            }
            cluster.AgentProcesses.Remove(pid);
            var status = new Dictionary<string, object?> { ["exited"] = 1, ["exitcode"] = process.ExitCode };
            if (process.Out.Length > 0)
            {
                status["out-data"] = process.Out;
            }
            if (process.Err.Length > 0)
            {
                status["err-data"] = process.Err;
            }
            return status;
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentUnrestricted));

        router.Map("GET", $"{template}/network-get-interfaces", [P.Node, P.Vmid], request =>
        {
            var guest = RequireAgent(cluster, request);
            var result = Interfaces(guest).Select(i =>
            {
                var addresses = new List<Dictionary<string, object?>>();
                if (i.Ipv4 is { } v4)
                {
                    addresses.Add(new() { ["ip-address"] = v4, ["ip-address-type"] = "ipv4", ["prefix"] = i.Name == "lo" ? 8 : 24 });
                }
                if (i.Ipv6 is { } v6)
                {
                    addresses.Add(new() { ["ip-address"] = v6, ["ip-address-type"] = "ipv6", ["prefix"] = i.Name == "lo" ? 128 : 64 });
                }
                return new Dictionary<string, object?> { ["name"] = i.Name, ["hardware-address"] = i.Mac, ["ip-addresses"] = addresses };
            }).ToList();
            return new Dictionary<string, object?> { ["result"] = result };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentAudit, Privileges.VmGuestAgentUnrestricted));

        router.Map("GET", $"{template}/get-osinfo", [P.Node, P.Vmid], request =>
        {
            var guest = RequireAgent(cluster, request);
            var info = guest.InstalledOs == "windows"
                ? new Dictionary<string, object?>
                {
                    ["id"] = "mswindows", ["name"] = "Microsoft Windows", ["pretty-name"] = "Windows 11 Pro", ["kernel-release"] = "22631",
                    ["kernel-version"] = "10.0", ["machine"] = "x86_64", ["version"] = "Microsoft Windows 11", ["version-id"] = "11",
                }
                : new Dictionary<string, object?>
                {
                    ["id"] = "debian", ["name"] = "Debian GNU/Linux", ["pretty-name"] = "Debian GNU/Linux 12 (bookworm)", ["kernel-name"] = "Linux",
                    ["kernel-release"] = "6.1.0-27-amd64", ["machine"] = "x86_64", ["version"] = "12 (bookworm)", ["version-id"] = "12",
                };
            return new Dictionary<string, object?> { ["result"] = info };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentAudit, Privileges.VmGuestAgentUnrestricted));

        router.Map("GET", $"{template}/get-fsinfo", [P.Node, P.Vmid], request =>
        {
            var guest = RequireAgent(cluster, request);
            var result = guest.Disks().Select((disk, i) =>
            {
                var windows = guest.InstalledOs == "windows";
                var used = disk.Bytes * (30 + (guest.Vmid + i) % 50) / 100;
                return new Dictionary<string, object?>
                {
                    ["name"] = windows ? $"\\\\?\\Volume{{{guest.Vmid:x8}-0000-0000-0000-{i:x12}}}\\" : $"sd{(char)('a' + i)}1",
                    ["mountpoint"] = windows ? $"{(char)('C' + i)}:\\" : i == 0 ? "/" : $"/data{i}",
                    ["type"] = windows ? "NTFS" : "ext4",
                    ["used-bytes"] = used,
                    ["total-bytes"] = disk.Bytes - disk.Bytes / 20,
                    ["disk"] = new[] { new Dictionary<string, object?> { ["bus-type"] = "scsi", ["bus"] = 0, ["target"] = 0, ["unit"] = i, ["dev"] = $"/dev/sd{(char)('a' + i)}1", ["serial"] = $"drive-{disk.Key}" } },
                };
            }).ToList();
            return new Dictionary<string, object?> { ["result"] = result };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentAudit, Privileges.VmGuestAgentUnrestricted));

        router.Map("GET", $"{template}/get-users", [P.Node, P.Vmid], request =>
        {
            var guest = RequireAgent(cluster, request);
            var login = (guest.StartedAt ?? cluster.Now).AddMinutes(5).ToUnixTimeMilliseconds() / 1000.0;
            return new Dictionary<string, object?>
            {
                ["result"] = new[] { new Dictionary<string, object?> { ["user"] = guest.InstalledOs == "windows" ? "Administrator" : "root", ["login-time"] = login } },
            };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentAudit, Privileges.VmGuestAgentUnrestricted));

        router.Map("POST", $"{template}/ping", [P.Node, P.Vmid], request =>
        {
            RequireAgent(cluster, request);
            return new Dictionary<string, object?> { ["result"] = new Dictionary<string, object?>() };
        }, ApiEndpoints.OnVm(Privileges.VmGuestAgentAudit, Privileges.VmGuestAgentUnrestricted));
    }

    /// <summary>The interfaces a guest reports: loopback, then one per netN with its static or DHCP address.</summary>
    internal static IEnumerable<(string Name, string Mac, string? Ipv4, string? Ipv6)> Interfaces(SandboxGuest guest)
    {
        yield return ("lo", "00:00:00:00:00:00", "127.0.0.1", "::1");
        foreach (var (key, value) in guest.Config.Where(c => Regex.IsMatch(c.Key, @"^net\d+$")))
        {
            var index = int.Parse(key[3..], CultureInfo.InvariantCulture);
            var mac = MacPattern().Match(value) is { Success: true } m ? m.Value : ClusterSeeder.Mac(guest.Vmid);
            var ipSource = guest.Type == GuestType.Lxc ? value : guest.Config.GetValueOrDefault($"ipconfig{index}", "ip=dhcp");
            var staticIp = Regex.Match(ipSource, @"(?:^|,)ip=(\d+\.\d+\.\d+\.\d+)/\d+");
            var ipv4 = staticIp.Success ? staticIp.Groups[1].Value : $"192.168.1.{100 + (guest.Vmid + index) % 150}";
            var name = guest.Type == GuestType.Lxc ? (Regex.Match(value, "name=([^,]+)") is { Success: true } n ? n.Groups[1].Value : $"eth{index}") : $"ens{18 + index}";
            yield return (name, mac.ToLowerInvariant(), ipv4, $"fe80::be24:11ff:fe{guest.Vmid & 0xff:x2}:{index:x4}");
        }
    }

    private static SandboxGuest RequireAgent(SandboxCluster cluster, SandboxRequest request)
    {
        var guest = cluster.RequireGuest(request.Node, GuestType.Qemu, request.Vmid);
        if (!guest.AgentConfigured)
        {
            throw ApiException.Failed("No QEMU guest agent configured");
        }
        if (!guest.IsRunning)
        {
            throw ApiException.Failed($"VM {guest.Vmid} is not running");
        }
        if (!guest.AgentRunning)
        {
            throw ApiException.Failed("QEMU guest agent is not running");
        }
        return guest;
    }

    /// <summary>A handful of commands, enough to exercise exec end to end; the rest fail like a missing binary.</summary>
    private static (int ExitCode, string Out, string Err, TimeSpan Duration) Emulate(SandboxGuest guest, IReadOnlyList<string> command, string? input)
    {
        var program = command[0];
        var args = command.Skip(1).ToList();
        switch (Path.GetFileName(program))
        {
            case "echo":
                return (0, string.Join(' ', args) + "\n", string.Empty, TimeSpan.Zero);
            case "true":
                return (0, string.Empty, string.Empty, TimeSpan.Zero);
            case "false":
                return (1, string.Empty, string.Empty, TimeSpan.Zero);
            case "hostname":
                return (0, guest.Name + "\n", string.Empty, TimeSpan.Zero);
            case "whoami":
                return (0, "root\n", string.Empty, TimeSpan.Zero);
            case "id":
                return (0, "uid=0(root) gid=0(root) groups=0(root)\n", string.Empty, TimeSpan.Zero);
            case "uname":
                return (0, args.Contains("-a") ? $"Linux {guest.Name} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 x86_64 GNU/Linux\n" : "Linux\n", string.Empty, TimeSpan.Zero);
            case "cat" when args.Count == 0:
                return (0, input ?? string.Empty, string.Empty, TimeSpan.Zero);
            case "cat" when args[0] == "/etc/os-release":
                return (0, "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n", string.Empty, TimeSpan.Zero);
            case "cat":
                return (1, string.Empty, $"cat: {args[0]}: No such file or directory\n", TimeSpan.Zero);
            case "sleep" when args.Count == 1 && double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                return (0, string.Empty, string.Empty, TimeSpan.FromSeconds(Math.Min(seconds, 3600)));
            case "seq" when args.Count == 1 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var count):
                return (0, string.Concat(Enumerable.Range(1, Math.Clamp(count, 0, 1_000_000)).Select(i => i.ToString(CultureInfo.InvariantCulture) + "\n")), string.Empty, TimeSpan.Zero);
            case "timeout":
                return EmulateTimeout(guest, args, input);
            case "sh" or "bash" when args.Count == 2 && args[0] == "-c":
                return EmulateShell(guest, args[1], input);
            default:
                throw ApiException.Failed($"Agent error: Failed to execute child process \u201c{program}\u201d (No such file or directory)");
        }
    }

    /// <summary>coreutils timeout [-k N] [-s SIG] DURATION COMMAND...: exit 124 when the command outlives the duration.</summary>
    private static (int ExitCode, string Out, string Err, TimeSpan Duration) EmulateTimeout(SandboxGuest guest, List<string> args, string? input)
    {
        var index = 0;
        while (index < args.Count && args[index].StartsWith('-'))
        {
            index += args[index] is "-k" or "-s" ? 2 : 1;
        }
        if (index + 1 >= args.Count || !double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
        {
            return (125, string.Empty, "timeout: invalid arguments\n", TimeSpan.Zero);
        }
        var (code, output, error, duration) = Emulate(guest, args.Skip(index + 1).ToList(), input);
        return duration.TotalSeconds > limit ? (124, output, error, TimeSpan.FromSeconds(limit)) : (code, output, error, duration);
    }

    /// <summary>Scripts of simple commands joined by ';', with 'exit N' and output to stderr via '>&amp;2'.</summary>
    private static (int ExitCode, string Out, string Err, TimeSpan Duration) EmulateShell(SandboxGuest guest, string script, string? input)
    {
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        var duration = TimeSpan.Zero;
        var exit = 0;
        foreach (var statement in script.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (statement.StartsWith("exit", StringComparison.Ordinal))
            {
                return (int.TryParse(statement[4..].Trim(), CultureInfo.InvariantCulture, out var code) ? code : exit, output.ToString(), error.ToString(), duration);
            }
            var toStderr = statement.EndsWith(">&2", StringComparison.Ordinal);
            var words = (toStderr ? statement[..^3] : statement).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '\'')).ToList();
            try
            {
                var (code, o, e, d) = Emulate(guest, words, input);
                (toStderr ? error : output).Append(o);
                error.Append(e);
                duration += d;
                exit = code;
            }
            catch (ApiException)
            {
                error.Append($"sh: 1: {words[0]}: not found\n");
                exit = 127;
            }
        }
        return (exit, output.ToString(), error.ToString(), duration);
    }

    [GeneratedRegex("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")]
    private static partial Regex MacPattern();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Safety.Policy;
using ProxmoxMcp.Safety.Policy.Rules;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>
/// The policy table against the official schema (8.4 and 9.1): every table operation and parameter
/// exists there; every other operation is refused; for each allowed operation, every schema parameter
/// the table does not name is refused when added to a valid request, and every one it names is allowed
/// with its rule's example; enums are subsets of the schema's; the reads open to proxmox_api_get need
/// nothing beyond audit privileges.
/// </summary>
public sealed class DestructivePolicySchemaTests
{
    private static readonly DestructivePolicy Policy = new(PolicyTestSettings.Options);

    [Theory]
    [InlineData("9.1.3")]
    [InlineData("8.4.0")]
    public void Every_schema_operation_outside_the_table_is_refused(string version)
    {
        var schema = PveSchema.Load(version);
        var wrong = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var operation in schema.Operations)
        {
            counts[operation.Method] = counts.GetValueOrDefault(operation.Method) + 1;
            var inTable = PolicyTable.Operations.Any(o => o.Method == operation.Method && o.Path.Text == operation.Path);
            var decision = Policy.EvaluateTable(operation.Method, Concrete(operation.Path), inTable ? ValidParameters(Find(operation)) : [], new PolicyCaller("exec_in_vm", CallerRole.GuestExec));
            if (decision.Allowed != inTable)
            {
                wrong.Add($"{operation.Method} {operation.Path}: in table {inTable}, decision {decision.Allowed} ({decision.Reason})");
            }
        }
        wrong.ShouldBeEmpty();
        counts["DELETE"].ShouldBeGreaterThan(60);
        counts["POST"].ShouldBeGreaterThan(150);
    }

    [Fact]
    public void Every_table_operation_and_parameter_is_declared_by_the_schema_with_a_subset_of_its_enum()
    {
        var schema = PveSchema.Load("9.1.3");
        var problems = new List<string>();
        foreach (var rule in PolicyTable.Operations)
        {
            var operation = schema.Operations.SingleOrDefault(o => o.Method == rule.Method && o.Path == rule.Path.Text);
            if (operation is null)
            {
                problems.Add($"{rule.Key}: not in the schema");
                continue;
            }
            foreach (var parameter in rule.Parameters)
            {
                if (!operation.Parameters.TryGetValue(parameter.Name, out var declared))
                {
                    problems.Add($"{rule.Key}: parameter {parameter.Name} is not declared");
                    continue;
                }
                if (parameter.Rule is OneOfRule oneOf && declared.Enum is { } values && oneOf.Values.Except(values).ToList() is { Count: > 0 } extra)
                {
                    problems.Add($"{rule.Key}: {parameter.Name} allows {string.Join(", ", extra)}, outside the schema's enum");
                }
                if (!parameter.IsIndexed && declared.Problem(parameter.Rule.Example) is { } problem && declared.Type != "string")
                {
                    problems.Add($"{rule.Key}: the example of {parameter.Name} ({parameter.Rule.Example}) is refused by the schema: {problem}");
                }
            }
            foreach (var placeholder in rule.Path.Placeholders)
            {
                operation.Parameters.ContainsKey(placeholder).ShouldBeTrue($"{rule.Key}: {{{placeholder}}} is a parameter of the schema");
            }
        }
        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("9.1.3")]
    [InlineData("8.4.0")]
    public void Every_parameter_of_every_allowed_write_is_allowed_with_its_rule_or_refused(string version)
    {
        var schema = PveSchema.Load(version);
        var leaks = new List<string>();
        var walked = 0;
        foreach (var rule in PolicyTable.Operations.Where(o => o.Method is "POST" or "PUT"))
        {
            var operation = schema.Operations.SingleOrDefault(o => o.Method == rule.Method && o.Path == rule.Path.Text);
            if (operation is null)
            {
                continue;
            }
            var path = Concrete(rule.Path.Text);
            var valid = ValidParameters(rule);
            Policy.EvaluateTable(rule.Method, path, valid).Allowed.ShouldBeTrue($"{rule.Key} with only its required parameters");
            foreach (var name in operation.Parameters.Keys.Where(n => !rule.Path.Placeholders.Contains(n)))
            {
                walked++;
                var key = name.EndsWith("[n]", StringComparison.Ordinal) ? name[..^3] + "0" : name;
                if (rule.FindParameter(key) is { } spec)
                {
                    var request = valid.Where(p => p.Key != key).Append(new(key, spec.Rule.Example)).ToList();
                    if (!Policy.EvaluateTable(rule.Method, path, request).Allowed)
                    {
                        leaks.Add($"{rule.Key}: {key}={spec.Rule.Example} (its own example) is refused");
                    }
                }
                else
                {
                    var request = valid.Append(new(key, "1")).ToList();
                    if (Policy.EvaluateTable(rule.Method, path, request).Allowed)
                    {
                        leaks.Add($"{rule.Key}: {key} has no rule, yet passed");
                    }
                }
            }
        }
        leaks.ShouldBeEmpty();
        walked.ShouldBeGreaterThan(300);
    }

    [Fact]
    public void Reads_open_to_proxmox_api_get_need_nothing_beyond_audit_privileges()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.PveApiDirectory, "pve-endpoints-9.1.3.flat.json")));
        var permissions = document.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("method").GetString() == "GET")
            .ToDictionary(r => r.GetProperty("path").GetString()!, r => r.TryGetProperty("permissions", out var p) ? p.Clone() : default);
        var problems = new List<string>();
        foreach (var rule in PolicyTable.Operations.Where(o => o.Method == "GET"))
        {
            if (!permissions.TryGetValue(rule.Path.Text, out var permission))
            {
                problems.Add($"{rule.Path.Text}: no such GET in the schema");
                continue;
            }
            var privileges = Privileges(permission).ToList();
            var audit = rule.Audience switch
            {
                ReadAudience.GuestExec => true,
                // The one read beyond audit privileges: the node journal, for the tools only (node_diagnostics
                // aspect=syslog); Sys.Syslog grants reading logs and nothing else.
                ReadAudience.Tools when rule.Path.Text == "/nodes/{node}/journal" => privileges.SequenceEqual(["Sys.Syslog"]),
                _ => privileges.Count == 0
                    ? permission.ValueKind == JsonValueKind.Object && permission.TryGetProperty("user", out var user) && user.GetString() is "all" or "world"
                    : privileges.Any(p => p.EndsWith(".Audit", StringComparison.Ordinal)),
            };
            if (!audit)
            {
                problems.Add($"{rule.Path.Text}: needs {string.Join(" or ", privileges)} ({permission})");
            }
        }
        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/nodes/pve1/qemu/100/agent/file-read", "file=/etc/shadow")]
    [InlineData("/nodes/pve1/qemu/100/agent/get-host-name", "")]
    [InlineData("/nodes/pve1/qemu/100/agent/get-vcpus", "")]
    [InlineData("/nodes/pve1/query-url-metadata", "url=http://169.254.169.254/latest/meta-data/")]
    [InlineData("/nodes/pve1/query-oci-repo-tags", "reference=docker.io/library/debian")]
    [InlineData("/nodes/pve1/storage/local/file-restore/list", "volume=local:backup/vzdump-qemu-100.vma.zst&filepath=/")]
    [InlineData("/nodes/pve1/storage/local/file-restore/download", "volume=local:backup/vzdump-qemu-100.vma.zst&filepath=/etc/shadow")]
    [InlineData("/nodes/pve1/scan/nfs", "server=10.0.0.1")]
    [InlineData("/nodes/pve1/scan/cifs", "server=10.0.0.1")]
    [InlineData("/nodes/pve1/vncwebsocket", "port=5900&vncticket=x")]
    [InlineData("/nodes/pve1/qemu/100/vncwebsocket", "port=5900&vncticket=x")]
    [InlineData("/nodes/pve1/apt/changelog", "name=pve-manager")]
    [InlineData("/nodes/pve1/apt/update", "")]
    [InlineData("/nodes/pve1/syslog", "")]
    [InlineData("/nodes/pve1/report", "")]
    [InlineData("/cluster/acme/meta", "directory=http://169.254.169.254/")]
    [InlineData("/nodes/pve1/vzdump/extractconfig", "volume=local:backup/vzdump-qemu-100.vma.zst")]
    [InlineData("/access/users/root@pam/token", "")]
    [InlineData("/nodes/pve1/qemu/100/cloudinit/dump", "type=user")]
    public void Dangerous_reads_are_refused_for_every_caller(string path, string query)
    {
        foreach (var role in Enum.GetValues<CallerRole>())
        {
            var decision = Policy.EvaluateTable("GET", Escape(path), DestructiveTableTests.Parse(query), new PolicyCaller("test", role));
            decision.Allowed.ShouldBeFalse($"GET {path} as {role}");
        }
    }

    [Fact]
    public void Exec_status_is_read_by_the_exec_tools_only_and_agent_reads_never_by_proxmox_api_get()
    {
        var exec = new PolicyCaller("exec_in_vm", CallerRole.GuestExec);
        Policy.EvaluateTable("GET", "/nodes/pve1/qemu/100/agent/exec-status", [new("pid", "7")], exec).Allowed.ShouldBeTrue();
        Policy.EvaluateTable("GET", "/nodes/pve1/qemu/100/agent/exec-status", [new("pid", "7")], new PolicyCaller("vm_status", CallerRole.Tool)).Allowed.ShouldBeFalse();
        Policy.EvaluateTable("GET", "/nodes/pve1/qemu/100/agent/get-osinfo", [], exec).Allowed.ShouldBeTrue();
        Policy.EvaluateTable("GET", "/nodes/pve1/qemu/100/agent/network-get-interfaces", [], new PolicyCaller("proxmox_api_get", CallerRole.RawRead)).Allowed.ShouldBeFalse();
        Policy.EvaluateTable("GET", "/nodes/pve1/qemu/100/config", [], new PolicyCaller("proxmox_api_get", CallerRole.RawRead)).Allowed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/nodes/pve1/qemu/100/agent/get-fsinfo", "")]
    [InlineData("/nodes/pve1/qemu/100/agent/get-users", "")]
    [InlineData("/nodes/pve1/qemu/100/agent/get-osinfo", "")]
    [InlineData("/nodes/pve1/journal", "lastentries=50")]
    [InlineData("/nodes/pve1/subscription", "")]
    public void Diagnostic_reads_are_for_the_tools_and_never_for_proxmox_api_get(string path, string query)
    {
        var parameters = DestructiveTableTests.Parse(query);
        Policy.EvaluateTable("GET", path, parameters, new PolicyCaller("guest_details", CallerRole.Tool)).Allowed.ShouldBeTrue(path);
        Policy.EvaluateTable("GET", path, parameters, new PolicyCaller("proxmox_api_get", CallerRole.RawRead)).Allowed.ShouldBeFalse(path);
    }

    [Fact]
    public void The_canonical_table_is_stable_and_names_every_operation()
    {
        var first = PolicyTable.Canonical;
        first.ShouldBe(PolicyTable.Canonical);
        foreach (var rule in PolicyTable.Operations)
        {
            first.ShouldContain(rule.Key);
        }
        PolicyTable.Operations.Select(o => o.Key).Distinct().Count().ShouldBe(PolicyTable.Operations.Count);
    }

    private static OperationRule Find(PveOperation operation) =>
        PolicyTable.Operations.Single(o => o.Method == operation.Method && o.Path.Text == operation.Path);

    /// <summary>The required parameters of an operation, each with its rule's example.</summary>
    internal static List<KeyValuePair<string, string>> ValidParameters(OperationRule rule) =>
        rule.Required.Select(name => new KeyValuePair<string, string>(name, rule.FindParameter(name)!.Rule.Example)).ToList();

    /// <summary>A concrete path for a schema template, escaped as the API client escapes it.</summary>
    internal static string Concrete(string template) =>
        Regex.Replace(template, @"\{([^}]+)\}", m => Uri.EscapeDataString(m.Groups[1].Value switch
        {
            "node" => "pve1",
            "vmid" => "100",
            "storage" => "local-lvm",
            "upid" => "UPID:pve1:00001234:00005678:6740A000:qmstart:100:root@pam:",
            "snapname" => "snap1",
            "poolid" => "lab",
            "userid" => "root@pam",
            "iface" => "vmbr0",
            "pos" => "0",
            _ => "item1",
        }));

    private static string Escape(string path) => "/" + string.Join('/', path.Trim('/').Split('/').Select(Uri.EscapeDataString));

    /// <summary>The privileges a schema permission names (in check lists, nested or not).</summary>
    private static IEnumerable<string> Privileges(JsonElement permission)
    {
        if (permission.ValueKind != JsonValueKind.Object || !permission.TryGetProperty("check", out var check))
        {
            return [];
        }
        var found = new List<string>();
        void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.String && element.GetString() is { } text && Regex.IsMatch(text, @"^[A-Z][A-Za-z]+\.[A-Za-z.]+$"))
            {
                found.Add(text);
            }
        }
        Walk(check);
        return found;
    }
}

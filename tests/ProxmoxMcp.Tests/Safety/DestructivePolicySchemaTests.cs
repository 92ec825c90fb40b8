using ProxmoxMcp.Safety;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Safety;

/// <summary>
/// The policy against every operation of the official schema (8.4 and 9.1): DELETE always refused,
/// GET always allowed, POST/PUT refused unless on the reviewed list below, and every allowed one
/// refused again with each parameter that turns a call destructive.
/// </summary>
public sealed class DestructivePolicySchemaTests
{
    /// <summary>The reviewed allow-list. A change to the policy's list must change this one too.</summary>
    private static readonly HashSet<string> ExpectedAllowed =
    [
        .. new[] { "start", "stop", "shutdown", "reboot", "suspend", "resume" }.SelectMany(action => new[]
        {
            $"POST /nodes/{{node}}/qemu/{{vmid}}/status/{action}",
            $"POST /nodes/{{node}}/lxc/{{vmid}}/status/{action}",
        }),
        "POST /nodes/{node}/qemu",
        "POST /nodes/{node}/lxc",
        "POST /nodes/{node}/qemu/{vmid}/clone",
        "POST /nodes/{node}/lxc/{vmid}/clone",
        "POST /nodes/{node}/qemu/{vmid}/config",
        "PUT /nodes/{node}/qemu/{vmid}/config",
        "PUT /nodes/{node}/lxc/{vmid}/config",
        "POST /nodes/{node}/qemu/{vmid}/snapshot",
        "POST /nodes/{node}/lxc/{vmid}/snapshot",
        "POST /nodes/{node}/vzdump",
        "PUT /nodes/{node}/qemu/{vmid}/resize",
        "PUT /nodes/{node}/lxc/{vmid}/resize",
        "POST /nodes/{node}/qemu/{vmid}/agent/ping",
    ];

    private const string ExecOperation = "POST /nodes/{node}/qemu/{vmid}/agent/exec";

    /// <summary>The parameters that turn an additive call destructive, with a value that does so.</summary>
    public static readonly KeyValuePair<string, string>[] ForbiddenParameters =
    [
        new("delete", "scsi0"),
        new("force", "1"),
        new("purge", "1"),
        new("destroy-unreferenced-disks", "1"),
        new("remove", "1"),
        new("archive", "local:backup/vzdump-qemu-100.vma.zst"),
        new("restore", "1"),
        new("skiplock", "1"),
        new("unused0", "local-lvm:vm-100-disk-1"),
        new("unused12", "local-lvm:vm-100-disk-2"),
        new("protection", "0"),
        new("protection", "false"),
        new("forceStop", "1"),
        new("revert", "memory"),
        new("unique", "1"),
    ];

    [Theory]
    [InlineData("9.1.3", false)]
    [InlineData("9.1.3", true)]
    [InlineData("8.4.0", false)]
    [InlineData("8.4.0", true)]
    public void Every_schema_operation_gets_the_expected_decision(string version, bool execEnabled)
    {
        var schema = PveSchema.Load(version);
        var policy = new DestructivePolicy(execEnabled);
        var wrong = new List<string>();
        var counts = new Dictionary<string, int>();

        foreach (var operation in schema.Operations)
        {
            var key = $"{operation.Method} {operation.Path}";
            var path = Concrete(operation.Path);
            var decision = policy.Evaluate(operation.Method, path, Baseline(operation.Path));
            var expected = operation.Method switch
            {
                "GET" => true,
                "DELETE" => false,
                _ => ExpectedAllowed.Contains(key) || (execEnabled && key == ExecOperation),
            };
            counts[operation.Method] = counts.GetValueOrDefault(operation.Method) + 1;
            if (decision.Allowed != expected)
            {
                wrong.Add($"{key}: expected {(expected ? "allowed" : "refused")}, got {(decision.Allowed ? "allowed" : "refused")} ({decision.Reason})");
            }
        }

        wrong.ShouldBeEmpty();
        counts["DELETE"].ShouldBeGreaterThan(60);
        counts["POST"].ShouldBeGreaterThan(150);
    }

    [Theory]
    [InlineData("9.1.3")]
    [InlineData("8.4.0")]
    public void Every_allowed_operation_is_refused_with_each_forbidden_parameter(string version)
    {
        var schema = PveSchema.Load(version);
        var policy = new DestructivePolicy(execEnabled: true);
        var allowed = schema.Operations.Where(o => o.Method is "POST" or "PUT")
            .Where(o => policy.Evaluate(o.Method, Concrete(o.Path), Baseline(o.Path)).Allowed)
            .ToList();
        allowed.Count.ShouldBe(ExpectedAllowed.Count + 1);
        var leaks = new List<string>();

        foreach (var operation in allowed)
        {
            foreach (var forbidden in ForbiddenParameters)
            {
                var parameters = Baseline(operation.Path).Where(p => p.Key != forbidden.Key).Append(forbidden).ToList();
                if (policy.Evaluate(operation.Method, Concrete(operation.Path), parameters).Allowed)
                {
                    leaks.Add($"{operation.Method} {operation.Path} with {forbidden.Key}={forbidden.Value}");
                }
            }
        }

        leaks.ShouldBeEmpty();
    }

    [Fact]
    public void The_policy_allow_list_is_exactly_the_reviewed_one()
    {
        DestructivePolicy.AllowList.Count().ShouldBe(16);
    }

    /// <summary>A concrete path for a schema template: pve1 for nodes, 100 for vmids, a plain word otherwise.</summary>
    internal static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}]+)\}", m => m.Groups[1].Value switch
        {
            "node" => "pve1",
            "vmid" => "100",
            _ => "item1",
        });

    /// <summary>The parameters an allowed call needs to be allowed at all: vzdump never prunes; resize only grows.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Baseline(string template) => template switch
    {
        "/nodes/{node}/vzdump" => [new("vmid", "100"), new("remove", "0")],
        _ when template.EndsWith("/resize", StringComparison.Ordinal) => [new("disk", "scsi0"), new("size", "+1G")],
        _ => [],
    };
}

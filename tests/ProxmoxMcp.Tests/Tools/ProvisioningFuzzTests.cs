using System.Text.Json;

namespace ProxmoxMcp.Tests.Tools;

/// <summary>
/// Generated arguments, valid and invalid, for every Tier C tool: each call ends in a success or a
/// clear error, and none ever produces a request the safety policy has to refuse (the harness fails
/// the test if the interceptor refused anything, and if any request sent breaks the official schema).
/// </summary>
public sealed class ProvisioningFuzzTests
{
    private static readonly string[] OptionKeys =
    [
        "delete", "force", "purge", "destroy-unreferenced-disks", "remove", "archive", "restore", "skiplock", "unused0", "unused3", "protection",
        "revert", "unique", "digest", "lock", "template", "hookscript", "args", "hostpci0", "rootfs", "unprivileged",
        "cores", "memory", "name", "hostname", "description", "onboot", "ciuser", "ipconfig0", "nameserver", "searchdomain", "net1", "scsi1", "scsi0", "mp0", "tags", "features", "swap", "balloon",
    ];

    private static readonly string[] Values = ["0", "1", "4", "2048", "true", "false", "local-lvm:4", "ip=dhcp", "web", "x\ny", "1.1.1.1", "virtio,bridge=vmbr0", "", "../..", "a;b"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Generated_arguments_never_reach_a_policy_refusal(int seed)
    {
        await using var harness = await ServerHarness.StartAsync(sandboxOptions: new ProxmoxMcp.Sandbox.SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(20) });
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < 60; i++)
        {
            var (tool, arguments) = Generate(random);
            var result = await harness.Client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);
            var text = ServerHarness.Text(result);
            text.ShouldNotBeNullOrWhiteSpace();
            text.ShouldNotContain("failed unexpectedly");
            text.ShouldNotContain("Exception");
            var key = $"{tool}:{(result.IsError == true ? "error" : "ok")}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        harness.PolicyRefusals.ShouldBeEmpty();
        outcomes.Keys.ShouldContain(k => k.EndsWith(":ok", StringComparison.Ordinal));
        outcomes.Keys.ShouldContain(k => k.EndsWith(":error", StringComparison.Ordinal));
    }

    private static (string Tool, Dictionary<string, object?> Arguments) Generate(Random random)
    {
        var vmids = new[] { 100, 101, 102, 200, 201, 202, 9000, 104, 0, 99999 };
        object? Maybe(object value) => random.Next(3) == 0 ? null : value;
        Dictionary<string, string> Options()
        {
            var options = new Dictionary<string, string>();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                options[OptionKeys[random.Next(OptionKeys.Length)]] = Values[random.Next(Values.Length)];
            }
            return options;
        }
        var arguments = new Dictionary<string, object?>();
        string tool;
        switch (random.Next(10))
        {
            case 0:
                tool = "create_container";
                arguments["hostname"] = random.Next(5) == 0 ? "bad host" : $"ct{random.Next(1000)}";
                arguments["template"] = random.Next(4) == 0 ? "local:vztmpl/missing.tar.zst" : "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst";
                arguments["cores"] = Maybe(random.Next(0, 600));
                arguments["ip"] = Maybe(random.Next(2) == 0 ? "dhcp" : "10.0.0.5/24");
                arguments["extra_options"] = Maybe(Options());
                break;
            case 1:
                tool = "create_vm";
                arguments["name"] = $"vm{random.Next(1000)}";
                arguments["vmid"] = Maybe(random.Next(2) == 0 ? 100 : random.Next(300, 400));
                arguments["disk_gib"] = Maybe(random.Next(0, 100));
                arguments["extra_options"] = Maybe(Options());
                break;
            case 2:
                tool = "clone_vm";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["full"] = Maybe(random.Next(2) == 0);
                break;
            case 3:
                tool = "clone_container";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                break;
            case 4:
                tool = "set_vm_config";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["options"] = Options();
                break;
            case 5:
                tool = "set_container_config";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["options"] = Options();
                break;
            case 6:
                tool = "create_snapshot";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["name"] = random.Next(4) == 0 ? "current" : $"s{random.Next(1000)}";
                break;
            case 7:
                tool = "backup_guest";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["storage"] = Maybe(random.Next(2) == 0 ? "local" : "local-lvm");
                break;
            case 8:
                tool = "resize_disk";
                arguments["vmid"] = vmids[random.Next(vmids.Length)];
                arguments["disk"] = random.Next(2) == 0 ? "scsi0" : "rootfs";
                arguments["size"] = new[] { "+1G", "1G", "+0", "500G", "-1G", "+1.5G", "8" }[random.Next(7)];
                break;
            default:
                tool = "allocate_vmid";
                arguments["first"] = Maybe(random.Next(100, 200));
                break;
        }
        foreach (var key in arguments.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            arguments.Remove(key);
        }
        return (tool, arguments);
    }
}

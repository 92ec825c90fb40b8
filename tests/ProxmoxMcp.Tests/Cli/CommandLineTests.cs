using System.Text.Json;
using ProxmoxMcp.Cli;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Tests.Cli;

/// <summary>The CLI's contract: outputs and exit codes (0 ok, 1 tool failed, 2 usage or configuration).</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("serve", true)]
    [InlineData("--sandbox", true)]
    [InlineData("serve --http --bind 127.0.0.1:9000", true)]
    [InlineData("--profile tools", true)]
    [InlineData("--profile home serve", true)]
    [InlineData("tools", false)]
    [InlineData("doctor --sandbox", false)]
    [InlineData("call list_nodes", false)]
    [InlineData("--profile serve tools", false)]
    [InlineData("--help", false)]
    [InlineData("serve --help", false)]
    [InlineData("--version", false)]
    public void The_start_up_warm_up_runs_for_serve_alone(string commandLine, bool warms)
    {
        ProxmoxMcp.Hosting.StartupWarmUp.Serves(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ShouldBe(warms);
    }

    [Fact]
    public async Task Tools_checksum_prints_the_registry_checksum_and_count()
    {
        var (code, output, _) = await Run(["tools", "--checksum"]);

        code.ShouldBe(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("checksum").GetString().ShouldBe(ToolCatalog.Checksum);
        json.RootElement.GetProperty("checksum").GetString()!.ShouldMatch("^[0-9a-f]{64}$");
        json.RootElement.GetProperty("tools").GetInt32().ShouldBe(ToolCatalog.All.Count);
    }

    [Fact]
    public async Task Tools_lists_one_line_per_tool_and_json_has_schemas()
    {
        var (code, output, _) = await Run(["tools"]);
        code.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("list_nodes");
        output.Trim().Split('\n').Length.ShouldBe(ToolCatalog.All.Count + 1);

        var (jsonCode, json, _) = await Run(["tools", "--json"]);
        jsonCode.ShouldBe(ExitCodes.Ok);
        using var document = JsonDocument.Parse(json);
        var listNodes = document.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "list_nodes");
        listNodes.GetProperty("inputSchema").GetProperty("type").GetString().ShouldBe("object");
        listNodes.GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Missing_configuration_exits_2_with_every_problem_on_stderr()
    {
        var (code, output, error) = await Run(["call", "list_nodes"]);

        code.ShouldBe(ExitCodes.Usage);
        output.ShouldBeEmpty();
        error.ShouldContain("PROXMOX_HOST is missing");
        error.ShouldContain("PROXMOX_TOKEN_VALUE is missing");
    }

    [Fact]
    public async Task Call_against_the_sandbox_prints_the_tool_text()
    {
        var (code, output, _) = await Run(["--sandbox", "call", "list_nodes"]);

        code.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("node=pve1 status=online");
        output.ShouldContain("offline=[pve3]");
    }

    [Fact]
    public async Task Call_structured_prints_the_structured_content()
    {
        var (code, output, _) = await Run(["--sandbox", "call", "list_nodes", "--structured"]);

        code.ShouldBe(ExitCodes.Ok);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("nodes").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task A_tool_error_exits_1_and_unknown_tools_or_bad_usage_exit_2()
    {
        var (failed, _, failedError) = await Run(["--sandbox", "call", "list_nodes", "--arg", "bogus=1"]);
        failed.ShouldBe(ExitCodes.Failed);
        failedError.ShouldContain("'bogus': unknown argument");

        var (unknown, _, unknownError) = await Run(["--sandbox", "call", "no_such_tool"]);
        unknown.ShouldBe(ExitCodes.Usage);
        unknownError.ShouldContain("Unknown tool 'no_such_tool'");

        var (usage, _, _) = await Run(["tools", "--no-such-option"]);
        usage.ShouldBe(ExitCodes.Usage);

        var (badArg, _, badArgError) = await Run(["--sandbox", "call", "list_nodes", "--arg", "novalue"]);
        badArg.ShouldBe(ExitCodes.Usage);
        badArgError.ShouldContain("must be name=value");

        var (badJson, _, badJsonError) = await Run(["--sandbox", "call", "list_nodes", "--json", "{nope"]);
        badJson.ShouldBe(ExitCodes.Usage);
        badJsonError.ShouldContain("--json is not valid JSON");
    }

    [Fact]
    public void Call_arguments_are_typed_when_they_are_json()
    {
        var arguments = CallArguments.Parse(["vmid=101", "name=web", "ip=10.0.0.5/24", "start=true", "tags=[\"a\",\"b\"]", "flag=-rf"], """{"cores":2,"vmid":100}""");

        arguments["vmid"].GetInt32().ShouldBe(101);
        arguments["name"].GetString().ShouldBe("web");
        arguments["ip"].GetString().ShouldBe("10.0.0.5/24");
        arguments["start"].GetBoolean().ShouldBeTrue();
        arguments["tags"].GetArrayLength().ShouldBe(2);
        arguments["flag"].GetString().ShouldBe("-rf");
        arguments["cores"].GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_malformed_confirmation_rule_stops_start_up_with_exit_2()
    {
        var (code, _, error) = await Run(["--sandbox", "call", "list_nodes"], new Dictionary<string, string> { ["PROXMOX_CONFIRM"] = "tag:prod,stop-all" });

        code.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("PROXMOX_CONFIRM: 'stop-all' is not a rule");
    }

    [Fact]
    public async Task Tools_and_doctor_show_what_the_tiers_expose_and_call_refuses_the_rest()
    {
        var settings = new Dictionary<string, string> { ["PROXMOX_TIERS"] = "read", ["PROXMOX_CONFIRM"] = "tag:prod", ["PROXMOX_MCP_AUDIT_LOG"] = "off", ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.2" };

        var (_, tools, _) = await Run(["tools"], settings);
        var (_, doctor, _) = await Run(["--sandbox", "doctor"], settings);
        var (callCode, _, callError) = await Run(["--sandbox", "call", "stop_vm", "--arg", "vmid=101"], settings);
        var (_, checksum, _) = await Run(["tools", "--checksum"], settings);

        tools.ShouldContain("stop_vm");
        tools.ShouldContain("(off: PROXMOX_TIERS=read leaves out power)");
        tools.ShouldContain($"{ToolCatalog.All.Count} tools, {ToolCatalog.All.Count(t => t.Tier == ProxmoxMcp.Tools.ToolTier.Read)} exposed");
        doctor.ShouldContain("exposed tiers: read; confirmation asked for tag:prod (timeout 120 s)");
        doctor.ShouldContain("audit: stderr only");
        callCode.ShouldBe(ExitCodes.Usage);
        callError.ShouldContain("stop_vm is off: PROXMOX_TIERS leaves out the power tier.");
        checksum.ShouldContain($"\"checksum\":\"{ToolCatalog.Checksum}\",\"tools\":{ToolCatalog.All.Count}");
    }

    [Fact]
    public async Task Call_cannot_confirm_so_a_covered_call_is_refused_and_recorded()
    {
        var audit = Path.Combine(Directory.CreateTempSubdirectory("proxmox-mcp-cli-").FullName, "audit.jsonl");
        var settings = new Dictionary<string, string> { ["PROXMOX_CONFIRM"] = "stop_vm", ["PROXMOX_MCP_AUDIT_LOG"] = audit, ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.2" };

        var (code, _, error) = await Run(["--sandbox", "call", "stop_vm", "--arg", "vmid=101"], settings);
        var (verifyCode, verified, _) = await Run(["audit", "verify"], settings);

        code.ShouldBe(ExitCodes.Failed);
        error.ShouldContain("this client cannot ask its user");
        File.ReadAllText(audit).ShouldContain("\"confirmation\":\"unsupported_client\"");
        verifyCode.ShouldBe(ExitCodes.Ok);
        verified.ShouldContain("ok: 1 line(s)");
    }

    private static async Task<(int Code, string Output, string Error)> Run(string[] args, Dictionary<string, string>? settings = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, error, settings ?? new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.2" });
        return (code, output.ToString(), error.ToString());
    }
}

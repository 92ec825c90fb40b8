using System.Diagnostics;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Tests.Docs;

/// <summary>
/// The pull-request workflow (.github/workflows): valid for GitHub Actions (checked with action-validator,
/// which .ci/run installs, since no runner is reachable here), and doing what the design promises: build
/// with warnings as errors so the analyzers and the lock check fail a PR, print the registry checksum, run
/// the tests.
/// </summary>
public sealed class WorkflowTests
{
    private static readonly string Workflows = Path.Combine(TestEnvironment.RepositoryRoot, ".github", "workflows");

    [Fact]
    public async Task Every_workflow_is_valid_for_GitHub_Actions()
    {
        var validator = Environment.GetEnvironmentVariable("PROXMOX_MCP_ACTION_VALIDATOR");
        TestEnvironment.Require(validator is { Length: > 0 } && File.Exists(validator), "action-validator (npm @action-validator/cli; .ci/run installs it and sets PROXMOX_MCP_ACTION_VALIDATOR)");
        var files = Directory.GetFiles(Workflows, "*.yml");
        files.ShouldNotBeEmpty();

        foreach (var file in files)
        {
            var start = new ProcessStartInfo(validator!, [file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            process.ExitCode.ShouldBe(0, $"{file}: {await output}{await error}");
        }
    }

    [Fact]
    public void The_pull_request_workflow_builds_strictly_prints_the_checksum_and_runs_the_tests()
    {
        var workflow = File.ReadAllText(Path.Combine(Workflows, "pull-request.yml"));

        workflow.ShouldContain("\n  pull_request:");
        workflow.ShouldContain("dotnet build ProxmoxMcp.sln -warnaserror");
        workflow.ShouldContain("proxmox-mcp.dll tools --checksum");
        workflow.ShouldContain("bash .ci/run");
        workflow.ShouldContain("global-json-file: global.json");
        // The schema the tests read is fetched as test data and converted; it is never committed.
        workflow.ShouldContain("node .github/scripts/pve-apidoc-json.mjs");
        File.Exists(Path.Combine(TestEnvironment.RepositoryRoot, ".github", "scripts", "pve-apidoc-json.mjs")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, ".ci", "run")).ShouldContain("action-validator");
    }
}

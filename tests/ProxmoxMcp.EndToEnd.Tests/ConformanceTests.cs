using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The official MCP conformance suite (@modelcontextprotocol/conformance, Node 22) against serve --http.
/// .ci/run installs both and sets PROXMOX_MCP_CONFORMANCE (the suite's entry script) and
/// PROXMOX_MCP_NODE22 (a Node 22 binary); without them the test skips, except under CI=true.
/// </summary>
public sealed class ConformanceTests
{
    [Fact]
    public async Task The_official_conformance_suite_passes_all_but_the_fixture_scenarios()
    {
        var suite = Environment.GetEnvironmentVariable("PROXMOX_MCP_CONFORMANCE");
        var node = Environment.GetEnvironmentVariable("PROXMOX_MCP_NODE22");
        TestEnvironment.Require(File.Exists(suite) && File.Exists(node), "the MCP conformance suite and Node 22 (PROXMOX_MCP_CONFORMANCE, PROXMOX_MCP_NODE22)");

        await using var runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string>(), useSandbox: true, LogLevel.Warning, TestContext.Current.CancellationToken);
        await using var host = await HttpServerHost.StartAsync(runtime, new HttpServeOptions(new IPEndPoint(IPAddress.Loopback, 0)), TestContext.Current.CancellationToken);
        var start = new ProcessStartInfo(node!, [suite!, "server", "--url", host.Url.ToString(), "--expected-failures", Path.Combine(AppContext.BaseDirectory, "conformance-expected-failures.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var report = await output + await error;

        process.ExitCode.ShouldBe(0, report);
        report.ShouldContain("Baseline check passed");
        report.ShouldContain("✓ tools-list");
        report.ShouldContain("✓ server-initialize");
    }
}

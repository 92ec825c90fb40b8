using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The built program serving Streamable HTTP, driven by the SDK's HTTP client.</summary>
public sealed class HttpServerTests
{
    [Fact]
    public async Task Serve_http_answers_the_sdk_client()
    {
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost, [BuiltProgram.ServerDll, "--sandbox", "serve", "--http", "--bind", "127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["PROXMOX_ENV_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        try
        {
            Uri? url = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (url is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                var match = Regex.Match(line, @"Streamable HTTP at (http://\S+/mcp)");
                if (match.Success)
                {
                    url = new Uri(match.Groups[1].Value);
                }
            }
            url.ShouldNotBeNull();

            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }),
                cancellationToken: TestContext.Current.CancellationToken);
            var result = await client.CallToolAsync("list_containers", new Dictionary<string, object?> { ["status"] = "running" }, cancellationToken: TestContext.Current.CancellationToken);

            result.IsError.ShouldNotBe(true);
            result.StructuredContent!.Value.GetProperty("guests").GetArrayLength().ShouldBeGreaterThan(0);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_bad_bind_address_is_a_usage_error()
    {
        var (code, _, error) = await BuiltProgram.RunAsync(new Dictionary<string, string> { ["PROXMOX_ENV_FILE"] = "/dev/null" }, "--sandbox", "serve", "--http", "--bind", "nowhere");

        code.ShouldBe(2);
        error.ShouldContain("--bind 'nowhere'");
    }
}

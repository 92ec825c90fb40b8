using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The built program serving Streamable HTTP, driven by the SDK's HTTP client.</summary>
public sealed class HttpServerTests
{
    [Fact]
    public async Task Serve_http_answers_the_sdk_client() => await ServeAndCallAsync([], null);

    [Fact]
    public async Task Serve_http_with_a_certificate_answers_over_https()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"proxmox-mcp-e2e-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        try
        {
            await ServeAndCallAsync(["--cert", path], certificate.Thumbprint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_certificate_without_http_or_a_missing_file_is_a_usage_error()
    {
        var environment = new Dictionary<string, string> { ["PROXMOX_ENV_FILE"] = "/dev/null" };

        var (stdio, _, stdioError) = await BuiltProgram.RunAsync(environment, "--sandbox", "serve", "--cert", "/nonexistent.pem");
        var (missing, _, missingError) = await BuiltProgram.RunAsync(environment, "--sandbox", "serve", "--http", "--bind", "127.0.0.1:0", "--cert", "/nonexistent.pem");

        stdio.ShouldBe(2);
        stdioError.ShouldContain("only serve --http");
        missing.ShouldBe(2);
        missingError.ShouldContain("--cert '/nonexistent.pem': no such file");
    }

    private static async Task ServeAndCallAsync(string[] extra, string? thumbprint)
    {
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost, [BuiltProgram.ServerDll, "--sandbox", "serve", "--http", "--bind", "127.0.0.1:0", .. extra])
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
                var match = Regex.Match(line, @"Streamable HTTP at (https?://\S+/mcp)");
                if (match.Success)
                {
                    url = new Uri(match.Groups[1].Value);
                }
            }
            url.ShouldNotBeNull();

            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint };
            using var http = new HttpClient(handler);
            url.Scheme.ShouldBe(thumbprint is null ? "http" : "https");
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }, http),
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

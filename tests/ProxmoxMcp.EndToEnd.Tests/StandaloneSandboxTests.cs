using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The sandbox as a program of its own: it prints URL, fingerprint and tokens, and curl-style clients get answers.</summary>
public sealed class StandaloneSandboxTests
{
    [Fact]
    public async Task Prints_url_fingerprint_and_token_and_serves_cluster_resources()
    {
        var start = new ProcessStartInfo(BuiltProgram.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProxmoxMcp.Sandbox.dll"));
        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
                {
                    break;
                }
            }
            var printed = string.Join("\n", lines);
            var url = Regex.Match(printed, @"listening on (https://127\.0\.0\.1:\d+/api2/json/)").Groups[1].Value;
            var fingerprint = Regex.Match(printed, "fingerprint: ([0-9A-F]{64})").Groups[1].Value;
            var header = Regex.Match(printed, @"full access:\s+(PVEAPIToken=\S+)").Groups[1].Value;
            url.ShouldNotBeEmpty(printed);
            fingerprint.ShouldNotBeEmpty(printed);
            header.ShouldNotBeEmpty(printed);

            // As `curl -k`: no certificate check at all.
            using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "cluster/resources");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            body.RootElement.GetProperty("data").GetArrayLength().ShouldBeGreaterThan(10);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}

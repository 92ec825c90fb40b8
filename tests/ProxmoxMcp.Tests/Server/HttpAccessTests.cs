using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;
using ProxmoxMcp.Hosting.Http;

namespace ProxmoxMcp.Tests.Server;

/// <summary>serve --http: which Host names and origins are answered (PROXMOX_MCP_ALLOWED_HOSTS), and HTTPS with --cert.</summary>
public sealed class HttpAccessTests : IAsyncLifetime
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
    private static readonly IPEndPoint Loopback = new(IPAddress.Loopback, 0);

    private ServerRuntime _runtime = null!;
    private readonly string _directory = Directory.CreateTempSubdirectory("proxmox-mcp-cert-").FullName;

    public async ValueTask InitializeAsync() =>
        _runtime = await ServerRuntime.CreateAsync(new Dictionary<string, string>(), useSandbox: true, LogLevel.Warning, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Only_loopback_names_ip_literals_and_listed_hosts_are_answered()
    {
        var options = HttpServeOptions.Load(new Dictionary<string, string> { ["PROXMOX_MCP_ALLOWED_HOSTS"] = "mcp.example.com, Proxy.Lan:8443" }, Loopback, null);
        await using var host = await HttpServerHost.StartAsync(_runtime, options, TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        foreach (var allowed in new[] { $"localhost:{host.Url.Port}", $"127.0.0.1:{host.Url.Port}", "[::1]", "mcp.example.com", "MCP.example.com:443", "proxy.lan:8443" })
        {
            (await Post(http, host.Url, allowed)).StatusCode.ShouldBe(HttpStatusCode.OK, allowed);
        }
        foreach (var refused in new[] { "evil.example", "rebind.attacker.test:8765", "proxy.lan:9000", "mcp.example.com.evil.test", "localhost.evil.test" })
        {
            var response = await Post(http, host.Url, refused);
            response.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest, refused);
            (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("PROXMOX_MCP_ALLOWED_HOSTS");
        }
        host.SessionCount.ShouldBe(6);
    }

    [Fact]
    public async Task Without_the_setting_only_loopback_names_and_ip_literals_are_answered()
    {
        await using var host = await HttpServerHost.StartAsync(_runtime, new HttpServeOptions(Loopback), TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        (await Post(http, host.Url, "localhost")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(http, host.Url, "192.168.1.10:8765")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(http, host.Url, "mcp.example.com")).StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
    }

    [Fact]
    public async Task Web_origins_of_listed_hosts_are_accepted_and_others_refused()
    {
        var options = HttpServeOptions.Load(new Dictionary<string, string> { ["PROXMOX_MCP_ALLOWED_HOSTS"] = "mcp.example.com" }, Loopback, null);
        await using var host = await HttpServerHost.StartAsync(_runtime, options, TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        (await Post(http, host.Url, "mcp.example.com", origin: "https://mcp.example.com")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(http, host.Url, "mcp.example.com", origin: "https://evil.example")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, "mcp.example.com", origin: "http://10.0.0.5")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Post(http, host.Url, "mcp.example.com", origin: "file://")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("mcp.example.com:http")]
    [InlineData("bad_name")]
    [InlineData("-lead.example")]
    [InlineData("x.example:70000")]
    public void A_malformed_allowed_host_is_a_configuration_error(string entry)
    {
        var exception = Should.Throw<ConfigurationException>(() =>
            HttpServeOptions.Load(new Dictionary<string, string> { ["PROXMOX_MCP_ALLOWED_HOSTS"] = $"ok.example,{entry}" }, Loopback, null));

        exception.Problems.ShouldHaveSingleItem().ShouldContain($"'{entry}'");
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task Https_with_a_certificate_file_serves_the_sdk_client(string format)
    {
        using var certificate = SelfSigned();
        var path = Path.Combine(_directory, "server." + format);
        if (format == "pem")
        {
            await File.WriteAllTextAsync(path, certificate.ExportCertificatePem() + "\n" + certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        }
        else
        {
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "pfx-secret"), TestContext.Current.CancellationToken);
        }
        var options = HttpServeOptions.Load(new Dictionary<string, string> { ["PROXMOX_MCP_CERT_PASSWORD"] = format == "pfx" ? "pfx-secret" : string.Empty }, Loopback, path);
        await using var host = await HttpServerHost.StartAsync(_runtime, options, TestContext.Current.CancellationToken);
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert?.Thumbprint;
                return cert?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var http = new HttpClient(handler);

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = host.Url, TransportMode = HttpTransportMode.StreamableHttp }, http),
            cancellationToken: TestContext.Current.CancellationToken);
        var nodes = await client.CallToolAsync("list_nodes", cancellationToken: TestContext.Current.CancellationToken);

        host.Url.Scheme.ShouldBe("https");
        presented.ShouldBe(certificate.Thumbprint);
        nodes.IsError.ShouldNotBe(true);
        using var plain = new HttpClient();
        await Should.ThrowAsync<HttpRequestException>(plain.GetAsync(new UriBuilder(host.Url) { Scheme = "http" }.Uri, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_certificate_file_without_a_key_or_with_a_wrong_password_is_a_configuration_error()
    {
        using var certificate = SelfSigned();
        var certOnly = Path.Combine(_directory, "cert-only.pem");
        await File.WriteAllTextAsync(certOnly, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        var pfx = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "right"), TestContext.Current.CancellationToken);

        Should.Throw<ConfigurationException>(() => HttpServeOptions.Load(new Dictionary<string, string>(), Loopback, certOnly)).Problems.ShouldHaveSingleItem().ShouldContain("--cert");
        Should.Throw<ConfigurationException>(() => HttpServeOptions.Load(new Dictionary<string, string> { ["PROXMOX_MCP_CERT_PASSWORD"] = "wrong" }, Loopback, pfx))
            .Problems.ShouldHaveSingleItem().ShouldContain("PROXMOX_MCP_CERT_PASSWORD");
        Should.Throw<ConfigurationException>(() => HttpServeOptions.Load(new Dictionary<string, string>(), Loopback, Path.Combine(_directory, "missing.pem")))
            .Problems.ShouldHaveSingleItem().ShouldContain("no such file");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, Uri url, string hostHeader, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.Host = hostHeader;
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

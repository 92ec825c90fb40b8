namespace ProxmoxMcp.Analyzers.Tests;

/// <summary>
/// PMCP0012 and PMCP0013: the bypasses of issue 14 (a bare HttpClient, a hand-made request or handler,
/// a method name built at run time) fail the build; the API client's factory may still do its job.
/// </summary>
public sealed class HttpBypassAnalyzerTests
{
    [Theory]
    [InlineData("using var http = new HttpClient(); await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, \"https://pve/\"));", "new HttpClient(...)")]
    [InlineData("using var handler = new SocketsHttpHandler(); _ = handler;", "new SocketsHttpHandler(...)")]
    [InlineData("using var request = new HttpRequestMessage(HttpMethod.Get, \"https://pve/\"); _ = request;", "new HttpRequestMessage(...)")]
    [InlineData("await shared.SendAsync(new HttpRequestMessage(), default);", "HttpClient.SendAsync")]
    [InlineData("await shared.GetStringAsync(\"https://pve/\");", "HttpClient.GetStringAsync")]
    [InlineData("_ = factory.CreateClient(\"proxmox\");", "IHttpClientFactory.CreateClient")]
    public async Task Http_outside_the_api_clients_factory_fails_the_build(string statement, string what)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Code("Bypass", statement), new HttpOutsideApiClientAnalyzer());

        diagnostics.ShouldContain(d => d.Id == "PMCP0012" && d.GetMessage().Contains(what, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handler_of_its_own_fails_the_build()
    {
        const string source = """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            public sealed class Sneaky : DelegatingHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
            }
            """;
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(source, new HttpOutsideApiClientAnalyzer());

        diagnostics.ShouldContain(d => d.Id == "PMCP0012" && d.GetMessage().Contains("class Sneaky", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_clients_factory_may_build_and_send()
    {
        const string source = """
            using System.Net.Http;
            using System.Threading.Tasks;
            namespace ProxmoxMcp.Api
            {
                public sealed class ProxmoxHttpClient
                {
                    public async Task Send(HttpClient http)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "https://pve/");
                        using var response = await http.SendAsync(request);
                    }
                }
            }
            """;
        (await AnalyzerHarness.AnalyzeAsync(source, new HttpOutsideApiClientAnalyzer())).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("var method = new HttpMethod(string.Concat(\"DEL\", \"ETE\"));")]
    [InlineData("var method = HttpMethod.Parse(verb);")]
    [InlineData("var method = new HttpMethod(verb);")]
    [InlineData("var method = HttpMethod.Parse(\"PATCH\");")]
    [InlineData("var method = new HttpMethod(\"TRACE\");")]
    public async Task A_method_that_is_not_a_reviewed_constant_fails_the_build(string statement)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Code("ProxmoxMcp.Api.ProxmoxHttpClient", statement), new HttpMethodAnalyzer());

        diagnostics.ShouldHaveSingleItem().Id.ShouldBe("PMCP0013");
    }

    [Theory]
    [InlineData("var method = new HttpMethod(\"GET\");")]
    [InlineData("var method = HttpMethod.Parse(\"POST\");")]
    [InlineData("var method = HttpMethod.Put;")]
    public async Task The_reviewed_constants_pass(string statement)
    {
        (await AnalyzerHarness.AnalyzeAsync(Code("Client", statement), new HttpMethodAnalyzer())).ShouldBeEmpty();
    }

    private static string Code(string type, string statement)
    {
        var dot = type.LastIndexOf('.');
        var (ns, name) = dot < 0 ? ("Outside", type) : (type[..dot], type[(dot + 1)..]);
        return $$"""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace {{ns}}
            {
                public sealed class {{name}}
                {
                    public async Task Run(HttpClient shared, IHttpClientFactory factory, string verb)
                    {
                        {{statement}}
                        await Task.CompletedTask;
                    }
                }
            }
            """;
    }
}

namespace ProxmoxMcp.Analyzers.Tests;

public sealed class DeleteMethodAnalyzerTests
{
    [Theory]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Delete, \"https://pve/api2/json/nodes/pve1/qemu/100\");", "HttpMethod.Delete")]
    [InlineData("await client.DeleteAsync(\"https://pve/api2/json/nodes/pve1/qemu/100\");", "HttpClient.DeleteAsync")]
    [InlineData("var request = new HttpRequestMessage(new HttpMethod(\"DELETE\"), \"https://pve/\");", "new HttpMethod(\"DELETE\")")]
    [InlineData("var request = new HttpRequestMessage(new HttpMethod(\"delete\"), \"https://pve/\");", "new HttpMethod(\"DELETE\")")]
    [InlineData("const string verb = \"DELETE\"; var request = new HttpRequestMessage(new HttpMethod(verb), \"https://pve/\");", "new HttpMethod(\"DELETE\")")]
    [InlineData("var method = HttpMethod.Parse(\"DELETE\");", "HttpMethod.Parse")]
    public async Task Code_that_sends_DELETE_fails_the_build(string statement, string what)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Code(statement));

        var error = diagnostics.Single(d => d.Id == "PMCP0002");
        error.GetMessage().ShouldContain(what);
    }

    [Theory]
    [InlineData("var request = new HttpRequestMessage(HttpMethod.Get, \"https://pve/\");")]
    [InlineData("await client.PostAsync(\"https://pve/\", null);")]
    [InlineData("var request = new HttpRequestMessage(new HttpMethod(\"PUT\"), \"https://pve/\");")]
    [InlineData("var label = \"DELETE is never sent\"; _ = label;")]
    [InlineData("var isDelete = string.Equals(\"DELETE\", \"GET\", StringComparison.Ordinal); _ = isDelete;")]
    public async Task Code_that_sends_other_methods_passes(string statement)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Code(statement));

        diagnostics.ShouldBeEmpty();
    }

    private static string Code(string statement) => $$"""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Client
        {
            public async Task Run(HttpClient client)
            {
                {{statement}}
                await Task.CompletedTask;
            }
        }
        """;
}

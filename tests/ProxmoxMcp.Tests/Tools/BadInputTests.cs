namespace ProxmoxMcp.Tests.Tools;

/// <summary>Bad inputs give an isError result with a clear text and send no request at all.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string, string, string> Cases => new()
    {
        { "vm_status", """{"vmid":0}""", "'vmid': 0 is below the minimum 100" },
        { "vm_status", """{"vmid":-1}""", "'vmid': -1 is below the minimum 100" },
        { "start_vm", """{"vmid":1000000000000}""", "'vmid': 1000000000000 is above the maximum 999999999" },
        { "start_vm", """{"vmid":"abc"}""", "'vmid': expected an integer" },
        { "start_vm", """{"vmid":101.5}""", "'vmid': expected an integer" },
        { "stop_container", """{}""", "'vmid': missing (required integer)" },
        { "node_status", """{"node":"../etc"}""", "'node': \"../etc\" does not match the pattern" },
        { "node_status", """{"node":"pve1;reboot"}""", "'node': \"pve1;reboot\" does not match" },
        { "node_status", """{"node":"pve1\nx"}""", "'node': " },
        { "list_vms", """{"name":"web;rm -rf /"}""", "'name': " },
        { "list_vms", """{"tag":"../x"}""", "'tag': " },
        { "list_vms", """{"status":"sideways"}""", "'status': expected one of running, stopped, unknown" },
        { "list_vms", """{"limit":0}""", "'limit': 0 is below the minimum 1" },
        { "vm_config", """{"vmid":101,"snapshot":"a/../b"}""", "'snapshot': " },
        { "task_status", """{"upid":"UPID:pve1:../../etc"}""", "'upid': " },
        { "storage_content", """{"storage":"local/../x"}""", "'storage': " },
        { "start_vm", """{"vmid":101,"force":true}""", "'force': unknown argument" },
        { "start_vm", """{"vmid":101,"timeout_seconds":99999}""", "'timeout_seconds': 99999 is above the maximum 1800" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_before_any_request(string tool, string json, string expected)
    {
        _harness.Sandbox.Requests.Clear();
        var arguments = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;

        var result = await _harness.Client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain(expected);
        _harness.Sandbox.Requests.Snapshot().ShouldBeEmpty();
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_accepted()
    {
        var result = await _harness.CallAsync("vm_status", new { vmid = "100" });

        result.IsError.ShouldNotBe(true);
    }
}

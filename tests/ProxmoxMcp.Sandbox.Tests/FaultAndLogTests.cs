using System.Net;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>The request log tests read, and the faults they switch on.</summary>
public sealed class FaultAndLogTests : SandboxTest
{
    [Fact]
    public async Task The_request_log_records_method_path_parameters_status_and_token()
    {
        Server.Requests.Clear();

        await Api.GetAsync("/nodes/pve1/storage/local/content", "content=iso");
        await Api.PostAsync("/nodes/pve1/qemu", ("vmid", "100"));

        var records = Server.Requests.Snapshot();
        records.Count.ShouldBe(2);
        records[0].Method.ShouldBe("GET");
        records[0].Path.ShouldBe("/nodes/pve1/storage/local/content");
        records[0].Parameters.ShouldBe([new KeyValuePair<string, string>("content", "iso")]);
        records[0].Status.ShouldBe(200);
        records[0].TokenId.ShouldBe("root@pam!mcp");
        records[1].Status.ShouldBe(500);
    }

    [Fact]
    public async Task Errors_by_path_latency_and_dropped_connections()
    {
        Server.Faults.Fail("^/nodes/pve1/qemu$", 500, "something broke", times: 1);
        var failed = await Api.GetAsync("/nodes/pve1/qemu");
        failed.Status.ShouldBe(HttpStatusCode.InternalServerError);
        failed.Message.ShouldBe("something broke\n");
        (await Api.GetAsync("/nodes/pve1/qemu")).Status.ShouldBe(HttpStatusCode.OK);

        Server.Faults.Latency = TimeSpan.FromMilliseconds(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Api.GetAsync("/version");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));

        Server.Faults.Clear();
        Server.Faults.Drop("^/version$");
        await Should.ThrowAsync<HttpRequestException>(Api.GetAsync("/version"));
    }

    [Fact]
    public async Task A_rotated_certificate_has_a_new_fingerprint()
    {
        var before = Server.CertificateFingerprint;

        Server.RotateCertificate();

        Server.CertificateFingerprint.ShouldNotBe(before);
        using var pinnedToNew = new SandboxClient(Server);
        (await pinnedToNew.GetAsync("/version")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

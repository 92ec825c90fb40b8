using System.Diagnostics;
using System.Net;
using System.Text;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>Authentication, routing and parameter checks, answered as the real server answers them.</summary>
public sealed class ProtocolTests : SandboxTest
{
    [Fact]
    public async Task No_or_bad_token_gets_401_after_the_delay_with_no_body()
    {
        var watch = Stopwatch.StartNew();
        var missing = await Api.SendAsync(HttpMethod.Get, "/version", null, authorization: "");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(40));

        missing.Status.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Body.ShouldBeEmpty();
        var wrong = await Api.SendAsync(HttpMethod.Get, "/version", null, authorization: $"PVEAPIToken=root@pam!mcp=not-the-secret");
        wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_secret_is_split_off_at_the_last_equals_sign()
    {
        var good = await Api.SendAsync(HttpMethod.Get, "/version", null, authorization: $"PVEAPIToken=root@pam!mcp={Server.Tokens.Full.Secret}");
        good.Status.ShouldBe(HttpStatusCode.OK);

        var shifted = await Api.SendAsync(HttpMethod.Get, "/version", null, authorization: $"PVEAPIToken=root@pam!mcp={Server.Tokens.Full.Secret}=");
        shifted.Status.ShouldBe(HttpStatusCode.Unauthorized);
        Server.Tokens.Authenticate($"PVEAPIToken=root@pam!mcp=x={Server.Tokens.Full.Secret}").ShouldBeNull();
    }

    [Fact]
    public async Task Tokens_have_their_privileges_and_403_names_the_missing_one()
    {
        Api.Token = Server.Tokens.ReadOnly;
        (await Api.GetAsync("/cluster/resources")).Status.ShouldBe(HttpStatusCode.OK);

        var denied = await Api.PostAsync("/nodes/pve2/qemu/102/status/start");
        denied.Status.ShouldBe(HttpStatusCode.Forbidden);
        denied.Message.ShouldStartWith("Permission check failed (/vms/102, VM.PowerMgmt)");

        Api.Token = Server.Tokens.LeastPrivilege;
        (await Api.PostAsync("/nodes/pve2/qemu/102/status/start")).Status.ShouldBe(HttpStatusCode.OK);
        var rollback = await Api.PostAsync("/nodes/pve1/qemu/100/snapshot/before_upgrade/rollback");
        rollback.Status.ShouldBe(HttpStatusCode.Forbidden);
        rollback.Message.ShouldContain("VM.Snapshot.Rollback");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_501()
    {
        var unknown = await Api.GetAsync("/nodes/pve1/frobnicate");
        unknown.Status.ShouldBe((HttpStatusCode)501);
        unknown.Message.ShouldBe("Method 'GET /nodes/pve1/frobnicate' not implemented\n");
        unknown.Reason.ShouldBe("Method 'GET /nodes/pve1/frobnicate' not implemented");

        (await Api.PutAsync("/nodes/pve1/qemu/100/status/start")).Status.ShouldBe((HttpStatusCode)501);
    }

    [Fact]
    public async Task A_body_on_GET_or_DELETE_gets_501()
    {
        var get = await Api.SendAsync(HttpMethod.Get, "/version", null, content: new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        get.Status.ShouldBe((HttpStatusCode)501);
        get.Message.ShouldContain("Unexpected content");
    }

    [Fact]
    public async Task Parameters_are_verified_with_an_errors_map()
    {
        var answer = await Api.PostAsync("/nodes/pve1/qemu",
            ("vmid", "abc"), ("cores", "0"), ("ostype", "beos"), ("net99", "virtio,bridge=vmbr0"), ("colour", "red"), ("name", "bad name!"), ("onboot", "maybe"));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Reason.ShouldBe("Parameter verification failed.");
        var errors = answer.Errors;
        errors.GetProperty("vmid").GetString().ShouldBe("type check ('integer') failed - got 'abc'");
        errors.GetProperty("cores").GetString().ShouldBe("value must have a minimum value of 1");
        errors.GetProperty("ostype").GetString()!.ShouldStartWith("value 'beos' does not have a value in the enumeration");
        errors.GetProperty("net99").GetString()!.ShouldContain("not defined in schema");
        errors.GetProperty("colour").GetString()!.ShouldContain("not defined in schema");
        errors.GetProperty("name").GetString()!.ShouldContain("invalid format");
        errors.GetProperty("onboot").GetString().ShouldBe("type check ('boolean') failed - got 'maybe'");
    }

    [Fact]
    public async Task Required_parameters_and_ranges_are_checked()
    {
        var missing = await Api.PostAsync("/nodes/pve1/lxc", ("vmid", "300"));
        missing.Errors.GetProperty("ostemplate").GetString().ShouldBe("property is missing and it is not optional");

        var range = await Api.GetAsync("/cluster/nextid", "vmid=99");
        range.Errors.GetProperty("vmid").GetString().ShouldBe("value must have a minimum value of 100");

        var pattern = await Api.PutAsync("/nodes/pve1/qemu/100/resize", ("disk", "scsi0"), ("size", "-5G"));
        pattern.Errors.GetProperty("size").GetString().ShouldBe("value does not match the regex pattern");
    }

    [Fact]
    public async Task Json_bodies_are_accepted_like_form_bodies()
    {
        var answer = await Api.SendAsync(HttpMethod.Post, "/nodes/pve1/qemu/100/snapshot", null,
            content: new StringContent("""{"snapname":"json1","description":"from json"}""", Encoding.UTF8, "application/json"));

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Upid.ShouldStartWith("UPID:pve1:");
    }

    [Fact]
    public async Task Non_api_paths_are_not_found()
    {
        (await Api.SendAsync(HttpMethod.Get, "../../index.html", null)).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}

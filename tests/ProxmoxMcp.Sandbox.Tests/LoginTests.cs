using System.Net;
using System.Text.Json;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>
/// POST /access/ticket and tickets, as the real server handles them: a wrong password is 401 after the
/// delay; the ticket cookie opens reads, and writes need the CSRF header as well; tickets expire after
/// two hours; a realm with a second factor gives only a challenge ticket.
/// </summary>
public sealed class LoginTests : SandboxTest
{
    private readonly ManualClock _clock = new();

    protected override SandboxOptions Options => new() { TaskDuration = TimeSpan.FromMilliseconds(100), Time = _clock };

    [Fact]
    public async Task A_wrong_password_is_401_after_the_delay_and_the_right_one_gets_a_ticket_and_CSRF_token()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var wrong = await Login(Server.Logins.Root.User, "not-the-password");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(40));
        wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login("nobody@pve", Server.Logins.Root.Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var good = await Login(Server.Logins.Root.User, Server.Logins.Root.Password);

        good.Status.ShouldBe(HttpStatusCode.OK, good.Body);
        good.Data.GetProperty("username").GetString().ShouldBe("root@pam");
        good.Data.GetProperty("ticket").GetString()!.ShouldStartWith("PVE:root@pam:");
        good.Data.GetProperty("CSRFPreventionToken").GetString()!.ShouldNotBeNullOrEmpty();
        Server.Requests.Snapshot().ShouldAllBe(r => r.Parameters.All(p => p.Key != "password" || p.Value == "(hidden)"));
    }

    [Fact]
    public async Task The_realm_may_be_given_apart_from_the_user_name()
    {
        var answer = await Api.SendAsync(HttpMethod.Post, "/access/ticket", [("username", "mcp"), ("realm", "pve"), ("password", Server.Logins.LeastPrivilege.Password)], authorization: "");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        answer.Data.GetProperty("username").GetString().ShouldBe("mcp@pve");
    }

    [Fact]
    public async Task The_ticket_opens_reads_and_a_write_needs_the_CSRF_header_too()
    {
        var (ticket, csrf) = await TicketAsync(Server.Logins.Root);

        (await WithTicket(HttpMethod.Get, "/cluster/resources", ticket, null)).Status.ShouldBe(HttpStatusCode.OK);

        var noCsrf = await WithTicket(HttpMethod.Post, "/nodes/pve2/qemu/102/status/start", ticket, null);
        noCsrf.Status.ShouldBe(HttpStatusCode.Unauthorized);
        noCsrf.Reason.ShouldBe("Permission denied - invalid csrf token");
        (await WithTicket(HttpMethod.Post, "/nodes/pve2/qemu/102/status/start", ticket, "0000:not-it")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var started = await WithTicket(HttpMethod.Post, "/nodes/pve2/qemu/102/status/start", ticket, csrf);
        started.Status.ShouldBe(HttpStatusCode.OK, started.Body);
        // Tasks name the user that logged in, as they name the token for token calls.
        started.Upid.ShouldEndWith(":root@pam:");
    }

    [Fact]
    public async Task A_ticket_has_its_user_s_privileges()
    {
        var (ticket, csrf) = await TicketAsync(Server.Logins.LeastPrivilege);

        var rollback = await WithTicket(HttpMethod.Post, "/nodes/pve1/qemu/100/snapshot/before_upgrade/rollback", ticket, csrf);

        rollback.Status.ShouldBe(HttpStatusCode.Forbidden);
        rollback.Message.ShouldContain("VM.Snapshot.Rollback");
    }

    [Fact]
    public async Task A_ticket_expires_after_two_hours()
    {
        var (ticket, _) = await TicketAsync(Server.Logins.Root);
        _clock.Advance(TimeSpan.FromMinutes(119));
        (await WithTicket(HttpMethod.Get, "/version", ticket, null)).Status.ShouldBe(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromMinutes(1));

        var expired = await WithTicket(HttpMethod.Get, "/version", ticket, null);
        expired.Status.ShouldBe(HttpStatusCode.Unauthorized);
        expired.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_realm_that_asks_for_a_second_factor_gives_only_a_challenge_ticket()
    {
        var answer = await Login(Server.Logins.SecondFactor.User, Server.Logins.SecondFactor.Password);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Data.GetProperty("NeedTFA").GetInt32().ShouldBe(1);
        var challenge = answer.Data.GetProperty("ticket").GetString()!;
        challenge.ShouldContain("!tfa!");
        (await WithTicket(HttpMethod.Get, "/version", challenge, null)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_cookie_and_no_token_is_401_No_ticket()
    {
        var none = await WithTicket(HttpMethod.Get, "/version", null, null);

        none.Status.ShouldBe(HttpStatusCode.Unauthorized);
        none.Reason.ShouldBe("No ticket");
    }

    private Task<Answer> Login(string user, string password) =>
        Api.SendAsync(HttpMethod.Post, "/access/ticket", [("username", user), ("password", password)], authorization: "");

    private async Task<(string Ticket, string Csrf)> TicketAsync(SandboxLogin login)
    {
        var answer = await Login(login.User, login.Password);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        return (answer.Data.GetProperty("ticket").GetString()!, answer.Data.GetProperty("CSRFPreventionToken").GetString()!);
    }

    private async Task<Answer> WithTicket(HttpMethod method, string path, string? ticket, string? csrf)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(method, new Uri(Server.BaseUrl, path.TrimStart('/')));
        if (ticket is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", "PVEAuthCookie=" + Uri.EscapeDataString(ticket));
        }
        if (csrf is not null)
        {
            request.Headers.TryAddWithoutValidation("CSRFPreventionToken", csrf);
        }
        if (method != HttpMethod.Get)
        {
            request.Content = new FormUrlEncodedContent([]);
        }
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, response.ReasonPhrase ?? string.Empty, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

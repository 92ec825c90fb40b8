using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Endpoints;

/// <summary>POST /access/ticket: the password login, served to anyone (the schema's "user: world").</summary>
internal static class AccessEndpoints
{
    public static void Map(ApiRouter router, SandboxCluster cluster, SandboxLogins logins)
    {
        router.Map("POST", "/access/ticket",
            [
                P.Str("username", 64), P.Str("password"), P.Formatted("realm", "pve-realm", 32).Opt(), P.Str("otp").Opt(),
                P.Str("path", 64).Opt(), P.Formatted("privs", "pve-priv-list", 64).Opt(), P.Bool("new-format").Opt(), P.Str("tfa-challenge").Opt(),
            ],
            request => logins.Login(request.Get("username")!, request.Get("password")!, request.Get("realm"), cluster.Now)
                // The real server answers a wrong user name or password with a bare 401, after its delay.
                ?? throw new ApiException(401, "authentication failure"),
            anonymous: true);
    }
}

using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Api.Authentication;

/// <summary>
/// <c>Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET</c> on every request. Tokens need no CSRF
/// header and do not expire on their own, so a 401 is final.
/// </summary>
public sealed class ApiTokenAuthentication(ProxmoxOptions options) : IApiAuthentication
{
    public string Description => $"API token {options.User}!{options.TokenName}";

    public string RefusedMessage =>
        "Proxmox refused the API token (401 authentication failure): check PROXMOX_USER, PROXMOX_TOKEN_NAME and PROXMOX_TOKEN_VALUE; the token may have been deleted or may have expired.";

    public ValueTask<int> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Authorization", options.AuthorizationHeader);
        return ValueTask.FromResult(0);
    }

    public bool Renew(int login) => false;
}

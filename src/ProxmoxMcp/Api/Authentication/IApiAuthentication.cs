namespace ProxmoxMcp.Api.Authentication;

/// <summary>
/// How requests to the Proxmox API prove who sends them: an API token header, or a login ticket
/// (cookie plus CSRF header) obtained with a password. Chosen once from the options; the client
/// asks it to sign every request and, after a 401, whether a new login may cure it.
/// </summary>
public interface IApiAuthentication
{
    /// <summary>What <c>doctor</c> shows: which login this is, never its secret.</summary>
    string Description { get; }

    /// <summary>Adds the credentials to <paramref name="request"/>, logging in first when needed.</summary>
    /// <returns>The login the request carries, to hand back to <see cref="Renew"/> after a 401.</returns>
    ValueTask<int> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// After Proxmox answered 401 to a request sent with <paramref name="login"/>: true when that login is
    /// dropped and the next <see cref="AuthenticateAsync"/> logs in anew, so the request may be sent once more.
    /// A 401 means Proxmox did nothing, so sending it again is safe.
    /// </summary>
    bool Renew(int login);

    /// <summary>The error for a 401 that a new login did not cure.</summary>
    string RefusedMessage { get; }
}

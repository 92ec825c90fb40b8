using Microsoft.Extensions.Logging;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Api.Authentication;

/// <summary>The login the options ask for: an API token, or a password exchanged for tickets.</summary>
public static class ApiAuthentication
{
    /// <param name="options">Validated settings.</param>
    /// <param name="http">The client logins go through: the same TLS checks and wire guard as every API call.</param>
    /// <param name="time">The clock that ages tickets.</param>
    /// <param name="logger">Where a login is noted (never its secrets).</param>
    public static IApiAuthentication For(ProxmoxOptions options, HttpClient http, TimeProvider time, ILogger logger) => options.Login switch
    {
        ApiLogin.Password => new TicketAuthentication(http, options, time, logger),
        _ => new ApiTokenAuthentication(options),
    };
}

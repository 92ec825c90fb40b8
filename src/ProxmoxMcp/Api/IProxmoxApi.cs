using System.Text.Json;

namespace ProxmoxMcp.Api;

/// <summary>
/// The Proxmox VE REST API, by path and parameters, relative to <c>/api2/json</c>.
/// There is deliberately no DELETE: deletion is a human-only action. Every instance handed out by
/// dependency injection is wrapped by <c>SafetyInterceptor</c>, which refuses destructive calls
/// before they are made.
/// </summary>
public interface IProxmoxApi
{
    /// <summary>GET; parameters go in the query string. Returns the unwrapped <c>data</c> member.</summary>
    Task<JsonElement> GetAsync(string path, ProxmoxParameters? query = null, CancellationToken cancellationToken = default);

    /// <summary>POST with a form body. Worker calls return a task id (UPID) as a string.</summary>
    Task<JsonElement> PostAsync(string path, ProxmoxParameters? body = null, CancellationToken cancellationToken = default);

    /// <summary>PUT with a form body.</summary>
    Task<JsonElement> PutAsync(string path, ProxmoxParameters? body = null, CancellationToken cancellationToken = default);
}

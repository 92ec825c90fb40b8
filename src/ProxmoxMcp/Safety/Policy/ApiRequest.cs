namespace ProxmoxMcp.Safety.Policy;

/// <summary>One Proxmox API request as the policy sees it: method, path under /api2/json, and every parameter in order.</summary>
public sealed record ApiRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static ApiRequest Of(string method, string path, IEnumerable<KeyValuePair<string, string>>? parameters) =>
        new(method.ToUpperInvariant(), path, parameters?.ToList() ?? []);
}

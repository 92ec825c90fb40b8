using System.Text.RegularExpressions;

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Checks a path an agent gives proxmox_api_get: relative to /api2/json, plain segments only.
/// Refuses absolute URLs, dot segments (also encoded), queries, fragments, backslashes and control characters;
/// returns the path escaped exactly as the API client sends it.
/// </summary>
public static partial class ApiGetPath
{
    [GeneratedRegex(@"^[A-Za-z0-9._:@!=+~\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    public static string Normalize(string path)
    {
        var trimmed = path.Trim();
        if (trimmed.Contains("://", StringComparison.Ordinal) || trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ToolInputException("proxmox_api_get takes a path under /api2/json (e.g. /nodes/pve1/status), not a URL.");
        }
        if (trimmed.IndexOfAny(['?', '#', '\\', '%']) >= 0 || trimmed.Any(char.IsControl))
        {
            throw new ToolInputException("The path may not hold '?', '#', '%', '\\' or control characters; pass query parameters in params.");
        }
        trimmed = trimmed.TrimStart('/');
        if (trimmed.StartsWith("api2/json/", StringComparison.Ordinal))
        {
            trimmed = trimmed["api2/json/".Length..];
        }
        var segments = trimmed.TrimEnd('/').Split('/');
        if (segments.Length == 0 || segments.Any(s => s.Length == 0 || s is "." or ".." || !Segment().IsMatch(s)))
        {
            throw new ToolInputException($"'{path}' is not a plain API path: use segments of letters, digits and . _ : @ ! = + ~ -, without '..'.");
        }
        if (segments[0].EndsWith(':'))
        {
            throw new ToolInputException("proxmox_api_get takes a path under /api2/json (e.g. /nodes/pve1/status), not a URL.");
        }
        // Escaped as every other path is, so the path the policy checks is the one sent.
        return Api.ApiPath.Build(segments);
    }
}

namespace ProxmoxMcp.Api;

/// <summary>
/// Builds API paths from segments, escaping each one, so a node or snapshot name can never add a
/// segment, a query or a "..". Dot segments are refused outright: HTTP clients resolve them, which
/// would let a crafted name walk to another endpoint.
/// </summary>
public static class ApiPath
{
    public static string Build(params object[] segments)
    {
        var parts = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var text = Convert.ToString(segments[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            if (text.Length == 0 || text is "." or "..")
            {
                throw new ArgumentException($"API path segment {i} is empty or a dot segment ('{text}').", nameof(segments));
            }
            parts[i] = Uri.EscapeDataString(text);
        }
        return "/" + string.Join('/', parts);
    }
}

using System.Text.Json;

namespace ProxmoxMcp.Api;

/// <summary>
/// Maps a Proxmox error answer to a <see cref="ProxmoxApiException"/> whose message a person and an
/// agent can act on. The server's text comes from the body's <c>message</c> (since early 2025) or,
/// on older servers, from the HTTP reason phrase, which always holds its first line.
/// </summary>
public static class ProxmoxErrors
{
    public static ProxmoxApiException FromResponse(int status, string? reasonPhrase, byte[] body, string method, string path)
    {
        var (message, errors) = ReadBody(body);
        var serverMessage = (message ?? reasonPhrase ?? string.Empty).Trim();
        var detail = errors.Count > 0 ? " " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Trim()}")) : string.Empty;
        var text = status switch
        {
            400 => $"Proxmox rejected the parameters of {method} {path}: {serverMessage}{detail}",
            401 => "Proxmox refused the API token (401 authentication failure): check PROXMOX_USER, PROXMOX_TOKEN_NAME and PROXMOX_TOKEN_VALUE; the token may have been deleted or may have expired.",
            403 => $"Permission denied (403): {serverMessage}. The API token lacks this privilege on that path; grant it to the token (with privilege separation, to the token itself, not only its user), or use a token with the role recommended in the README.",
            501 => $"This Proxmox does not implement {method} {path} (501: {serverMessage}); it may be an older version.",
            595 or 596 => $"Proxmox could not reach the node that serves {path} ({status}: {serverMessage}); the node may be offline. Other nodes keep working: check list_nodes.",
            500 => serverMessage.Length > 0 ? serverMessage : $"Proxmox failed {method} {path} (500).",
            _ => $"Proxmox answered {method} {path} with {status}: {serverMessage}{detail}",
        };
        return new ProxmoxApiException(status, text, serverMessage, errors);
    }

    private static (string? Message, IReadOnlyDictionary<string, string> Errors) ReadBody(byte[] body)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (body.Length == 0)
        {
            return (null, errors);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, errors);
            }
            string? message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in e.EnumerateObject())
                {
                    errors[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            return (message, errors);
        }
        catch (JsonException)
        {
            return (null, errors);
        }
    }
}

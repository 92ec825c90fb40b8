using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Cli.ClientConfig;

/// <summary>
/// A client's JSON configuration file, merged into without dropping anything: other servers, other rules and
/// every other key stay as they are. Before the file changes, a copy of it is written beside it; the new content
/// replaces the file in one move. A file that is not a JSON object is left alone.
/// </summary>
public sealed class JsonConfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string? _original;

    private JsonConfigFile(string path, JsonObject root, string? original)
    {
        Path = path;
        Root = root;
        _original = original;
    }

    public string Path { get; }

    public JsonObject Root { get; }

    /// <summary>Throws <see cref="InvalidDataException"/> when the file exists and is not a JSON object.</summary>
    public static JsonConfigFile Open(string path)
    {
        if (!File.Exists(path))
        {
            return new JsonConfigFile(path, [], null);
        }
        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonConfigFile(path, [], text);
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject root
                ? new JsonConfigFile(path, root, text)
                : throw new InvalidDataException($"{path} does not hold a JSON object; nothing was written. Fix or move it, then try again.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({exception.Message}); nothing was written. Fix it, then try again.");
        }
    }

    /// <summary>The object under <paramref name="key"/>, made when absent; throws when the key holds something else.</summary>
    public JsonObject Object(JsonObject parent, string key) => parent[key] switch
    {
        null => (JsonObject)(parent[key] = new JsonObject()),
        JsonObject found => found,
        _ => throw new InvalidDataException($"{Path}: '{key}' is not a JSON object; nothing was written."),
    };

    /// <summary>Adds the strings an array under <paramref name="key"/> lacks, keeping what it holds; returns how many were added.</summary>
    public int AddToArray(JsonObject parent, string key, IEnumerable<string> values)
    {
        var array = parent[key] switch
        {
            null => (JsonArray)(parent[key] = new JsonArray()),
            JsonArray found => found,
            _ => throw new InvalidDataException($"{Path}: '{key}' is not a JSON array; nothing was written."),
        };
        var present = array.Select(v => v?.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var value in values.Where(v => !present.Contains(v)))
        {
            array.Add(value);
            added++;
        }
        return added;
    }

    /// <summary>Writes the merged content: first a copy of the file as it was (returned), then the new file in one move.</summary>
    public string? Save(DateTimeOffset now)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        string? backup = null;
        if (_original is not null)
        {
            var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            backup = $"{Path}.{stamp}.bak";
            for (var n = 2; File.Exists(backup); n++)
            {
                // An earlier backup is never overwritten, not even by a second run within the same second.
                backup = $"{Path}.{stamp}-{n}.bak";
            }
            File.WriteAllText(backup, _original);
            KeepMode(backup);
        }
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, Root.ToJsonString(Indented) + "\n");
        KeepMode(temporary);
        File.Move(temporary, Path, overwrite: true);
        return backup;
    }

    /// <summary>
    /// These files can hold other servers' secrets: the backup and the new file get the permissions the file had
    /// (a file only its owner could read stays so), not the process's defaults.
    /// </summary>
    private void KeepMode(string written)
    {
        if (!OperatingSystem.IsWindows() && _original is not null)
        {
            File.SetUnixFileMode(written, File.GetUnixFileMode(Path));
        }
    }

    /// <summary>A JSON value as the files are written.</summary>
    public static string Render(JsonNode node) => node.ToJsonString(Indented);
}

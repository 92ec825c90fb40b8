using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.TestSupport;

/// <summary>
/// The official Proxmox VE API schema (test data read from ../shared/pve-api, never copied):
/// every operation with its parameters, and a check of one concrete request against it.
/// </summary>
public sealed class PveSchema
{
    private static readonly Dictionary<string, PveSchema> Cache = new(StringComparer.Ordinal);

    private PveSchema(string version, IReadOnlyList<PveOperation> operations)
    {
        Version = version;
        Operations = operations;
    }

    public string Version { get; }

    public IReadOnlyList<PveOperation> Operations { get; }

    /// <summary>
    /// The schema when it is there; null on a machine without it (never under CI=true, where it must be).
    /// For checks that ride along with other tests and should not turn them into skips.
    /// </summary>
    public static PveSchema? TryLoad(string version = "9.1.3") =>
        TestEnvironment.IsCi || File.Exists(Path.Combine(TestEnvironment.PveApiDirectory, $"pve-apidoc-{version}.json")) ? Load(version) : null;

    /// <summary>Loads pve-apidoc-VERSION.json; skips (fails under CI) when the schema is absent.</summary>
    public static PveSchema Load(string version = "9.1.3")
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(version, out var cached))
            {
                return cached;
            }
            var file = Path.Combine(TestEnvironment.PveApiDirectory, $"pve-apidoc-{version}.json");
            TestEnvironment.Require(File.Exists(file), $"The official PVE API schema ({file})");
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            var operations = new List<PveOperation>();
            foreach (var root in document.RootElement.EnumerateArray())
            {
                Collect(root, operations);
            }
            return Cache[version] = new PveSchema(version, operations);
        }
    }

    private static void Collect(JsonElement node, List<PveOperation> operations)
    {
        var path = node.GetProperty("path").GetString()!;
        if (node.TryGetProperty("info", out var info))
        {
            foreach (var method in info.EnumerateObject())
            {
                var parameters = new Dictionary<string, PveParameter>(StringComparer.Ordinal);
                if (method.Value.TryGetProperty("parameters", out var p) && p.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        parameters[property.Name] = PveParameter.From(property.Name, property.Value);
                    }
                }
                operations.Add(new PveOperation(method.Name, path, parameters,
                    method.Value.TryGetProperty("returns", out var returns) ? returns.Clone() : default));
            }
        }
        if (node.TryGetProperty("children", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, operations);
            }
        }
    }

    /// <summary>The operation a concrete request path maps to, or null.</summary>
    public PveOperation? Find(string method, string concretePath)
    {
        var segments = concretePath.Trim('/').Split('/');
        PveOperation? best = null;
        var bestLiterals = -1;
        foreach (var operation in Operations.Where(o => o.Method == method))
        {
            var template = operation.Path.Trim('/').Split('/');
            if (template.Length != segments.Length)
            {
                continue;
            }
            var literals = 0;
            var matches = true;
            for (var i = 0; i < template.Length && matches; i++)
            {
                if (template[i].StartsWith('{'))
                {
                    continue;
                }
                matches = template[i] == segments[i];
                literals++;
            }
            if (matches && literals > bestLiterals)
            {
                best = operation;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /// <summary>Every way the request would be refused by the real parameter check: unknown operation, unknown parameter, wrong type, value outside an enum or range.</summary>
    public IReadOnlyList<string> Check(string method, string concretePath, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var operation = Find(method, concretePath);
        if (operation is null)
        {
            return [$"{method} {concretePath}: no such operation in PVE {Version}"];
        }
        var problems = new List<string>();
        foreach (var (key, value) in parameters)
        {
            var parameter = operation.Parameter(key);
            if (parameter is null)
            {
                problems.Add($"{method} {operation.Path}: parameter '{key}' is not declared");
                continue;
            }
            if (parameter.Problem(value) is { } problem)
            {
                problems.Add($"{method} {operation.Path}: {key}={value}: {problem}");
            }
        }
        return problems;
    }
}

/// <summary>One operation of the schema.</summary>
public sealed record PveOperation(string Method, string Path, IReadOnlyDictionary<string, PveParameter> Parameters, JsonElement Returns)
{
    /// <summary>The declared parameter for a key, mapping indexed keys (net0) to their collapsed name (net[n]).</summary>
    public PveParameter? Parameter(string key)
    {
        if (Parameters.TryGetValue(key, out var direct))
        {
            return direct;
        }
        var match = Regex.Match(key, @"^([a-z_\-]+?)(\d+)$");
        return match.Success && Parameters.TryGetValue(match.Groups[1].Value + "[n]", out var indexed) ? indexed : null;
    }
}

/// <summary>One declared parameter: type, optionality, enum, range, pattern.</summary>
public sealed record PveParameter(string Name, string Type, bool Optional, IReadOnlyList<string>? Enum, double? Minimum, double? Maximum, string? Pattern, int? MaxLength)
{
    public static PveParameter From(string name, JsonElement element) => new(
        name,
        element.TryGetProperty("type", out var type) ? type.GetString() ?? "string" : "string",
        element.TryGetProperty("optional", out var optional) && Number(optional) == 1,
        element.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray().Select(v => v.ToString()).ToList() : null,
        element.TryGetProperty("minimum", out var min) ? Number(min) : null,
        element.TryGetProperty("maximum", out var max) ? Number(max) : null,
        element.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String ? pattern.GetString() : null,
        element.TryGetProperty("maxLength", out var length) ? (int?)Number(length) : null);

    /// <summary>The schema writes some numbers as strings ("optional": "1", "minimum": "0"): read both.</summary>
    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Why the real server would refuse this value, or null.</summary>
    public string? Problem(string value)
    {
        switch (Type)
        {
            case "integer":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return "not an integer";
                }
                return Range(integer);
            case "number":
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Range(number) : "not a number";
            case "boolean":
                return value is "0" or "1" or "true" or "false" ? null : "not a boolean (0/1)";
        }
        if (Enum is not null && !Enum.Contains(value))
        {
            return $"not one of {string.Join(", ", Enum)}";
        }
        if (MaxLength is { } maxLength && value.Length > maxLength)
        {
            return $"longer than {maxLength}";
        }
        if (Pattern is not null && !Regex.IsMatch(value, "^(?:" + Pattern + ")$"))
        {
            return $"does not match {Pattern}";
        }
        return null;
    }

    private string? Range(double value) =>
        Minimum is { } min && value < min ? $"below {min}" : Maximum is { } max && value > max ? $"above {max}" : null;
}

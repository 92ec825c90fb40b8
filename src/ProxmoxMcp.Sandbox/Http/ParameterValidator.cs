using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox.Http;

/// <summary>
/// Checks request parameters as the real server does (PVE::JSONSchema): unknown keys, missing
/// required ones, types, enums, patterns, ranges, lengths and named formats. Every problem lands in
/// one 400 "Parameter verification failed." with an <c>errors</c> map, worded like the real ones.
/// </summary>
public static class ParameterValidator
{
    private static readonly Dictionary<string, Regex> Formats = new(StringComparer.Ordinal)
    {
        ["pve-node"] = new(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$"),
        ["pve-storage-id"] = new(@"^[a-z][a-z0-9\-_.]*[a-z0-9]$"),
        ["pve-configid"] = new(@"^[a-zA-Z][a-zA-Z0-9_]+$"),
        ["pve-poolid"] = new(@"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+){0,2}$"),
        ["pve-tag-list"] = new(@"(?i)^[a-z0-9_][a-z0-9_\-+.]*([;, ][a-z0-9_][a-z0-9_\-+.]*)*$"),
        ["dns-name"] = new(@"^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)(\.([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?))*$"),
        ["pve-volume-id"] = new(@"^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$"),
        ["pve-volume-id-or-qm-path"] = new(@"^([a-z][a-z0-9\-_.]*[a-z0-9]:.+|/.+)$"),
    };

    /// <summary>Returns the typed view of the request, or throws a 400 naming every bad parameter.</summary>
    public static void Validate(IReadOnlyList<Param> declared, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, items) in values)
        {
            var param = declared.FirstOrDefault(p => p.Matches(key));
            if (param is null)
            {
                errors[key] = "property is not defined in schema and the schema does not allow additional properties";
                continue;
            }
            if (param.Type != ParamType.Array && items.Count > 1)
            {
                errors[key] = "duplicate parameter (not an array)";
                continue;
            }
            foreach (var value in items)
            {
                if (Check(param, value) is { } problem)
                {
                    errors[key] = problem;
                    break;
                }
            }
        }
        foreach (var param in declared.Where(p => !p.Optional && !p.IsIndexed))
        {
            if (!values.ContainsKey(param.Name))
            {
                errors[param.Name] = "property is missing and it is not optional";
            }
        }
        if (errors.Count > 0)
        {
            throw ApiException.ParameterVerification(errors);
        }
    }

    private static string? Check(Param param, string value)
    {
        switch (param.Type)
        {
            case ParamType.Integer:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return $"type check ('integer') failed - got '{value}'";
                }
                return Range(param, integer);
            case ParamType.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return $"type check ('number') failed - got '{value}'";
                }
                return Range(param, number);
            case ParamType.Boolean:
                return value.ToLowerInvariant() is "0" or "1" or "true" or "false" or "yes" or "no" or "on" or "off"
                    ? null
                    : $"type check ('boolean') failed - got '{value}'";
        }
        if (param.MaxLength is { } max && value.Length > max)
        {
            return $"value may only be {max} characters long";
        }
        if (param.Enum is { } choices && !choices.Contains(value, StringComparer.Ordinal))
        {
            return $"value '{value}' does not have a value in the enumeration '{string.Join(", ", choices)}'";
        }
        if (param.Pattern is { } pattern && !Regex.IsMatch(value, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant))
        {
            return "value does not match the regex pattern";
        }
        if (param.Format is { } format && Formats.TryGetValue(format, out var regex) && !regex.IsMatch(value))
        {
            return format switch
            {
                "pve-node" => $"invalid format - value does not look like a valid node name",
                "pve-storage-id" => $"invalid format - storage ID '{value}' contains illegal characters",
                "pve-configid" => $"invalid format - invalid configuration ID '{value}'",
                _ => $"invalid format - value does not match the format {format}",
            };
        }
        if (value.Any(c => c is '\n' or '\r' or '\0') && param.Name is not ("description" or "sshkeys" or "ssh-public-keys" or "input-data" or "notes-template"))
        {
            return "value contains a line break or NUL byte";
        }
        return null;
    }

    private static string? Range(Param param, double value)
    {
        if (param.Minimum is { } min && value < min)
        {
            return $"value must have a minimum value of {min.ToString(CultureInfo.InvariantCulture)}";
        }
        if (param.Maximum is { } max && value > max)
        {
            return $"value must have a maximum value of {max.ToString(CultureInfo.InvariantCulture)}";
        }
        return null;
    }
}

namespace ProxmoxMcp.Sandbox.Http;

/// <summary>The sandbox's operation table: exact method and template matching, as the real router.</summary>
public sealed class ApiRouter
{
    private readonly List<ApiOperation> _operations = [];

    public IReadOnlyList<ApiOperation> Operations => _operations;

    public ApiOperation Map(string method, string template, IReadOnlyList<Param> parameters, Func<SandboxRequest, object?> handler,
        Func<SandboxRequest, (string Path, string[] AnyOf)?>? permission = null, bool anonymous = false)
    {
        if (_operations.Any(o => o.Method == method && o.Template == template))
        {
            throw new InvalidOperationException($"{method} {template} is mapped twice.");
        }
        var operation = new ApiOperation(method, template, parameters, handler) { Permission = permission, Anonymous = anonymous };
        _operations.Add(operation);
        return operation;
    }

    /// <summary>The operation and path values for a request, or null (the real API answers 501).</summary>
    public (ApiOperation Operation, Dictionary<string, string> PathValues)? Match(string method, string path)
    {
        foreach (var operation in _operations)
        {
            if (operation.Method != method)
            {
                continue;
            }
            var match = operation.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in operation.PathNames)
            {
                values[name] = Uri.UnescapeDataString(match.Groups[name.Replace("-", "_", StringComparison.Ordinal)].Value);
            }
            return (operation, values);
        }
        return null;
    }

    public bool HasPath(string path) => _operations.Any(o => o.Pattern.IsMatch(path));
}

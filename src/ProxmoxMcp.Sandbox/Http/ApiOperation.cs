using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox.Http;

/// <summary>
/// One operation the sandbox serves: method, path template, declared parameters, whether the real
/// server proxies it to the node in the path, the privilege it checks, and the handler.
/// </summary>
public sealed class ApiOperation
{
    public ApiOperation(string method, string template, IReadOnlyList<Param> parameters, Func<SandboxRequest, object?> handler)
    {
        Method = method;
        Template = template;
        Parameters = parameters;
        Handler = handler;
        Pattern = new Regex("^" + Regex.Replace(template, @"\{([a-z\-]+)\}", m => $"(?<{m.Groups[1].Value.Replace("-", "_", StringComparison.Ordinal)}>[^/]+)") + "$", RegexOptions.CultureInvariant);
        PathNames = Regex.Matches(template, @"\{([a-z\-]+)\}").Select(m => m.Groups[1].Value).ToArray();
    }

    public string Method { get; }

    public string Template { get; }

    public IReadOnlyList<Param> Parameters { get; }

    public Func<SandboxRequest, object?> Handler { get; }

    internal Regex Pattern { get; }

    internal IReadOnlyList<string> PathNames { get; }

    /// <summary>Calls under /nodes/{node} that the real pveproxy forwards to that node (595 when it is down).</summary>
    public bool ProxiedToNode => Template.StartsWith("/nodes/{node}", StringComparison.Ordinal);

    /// <summary>Served without a login ("user: world" in the schema), as POST /access/ticket is.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The permission check: ACL path and privileges of which one suffices; null for "user: all".</summary>
    public Func<SandboxRequest, (string Path, string[] AnyOf)?>? Permission { get; init; }
}

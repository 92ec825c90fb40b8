using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Hosting;

/// <summary>Builds the SDK's server options around the frozen registry; the transports share them.</summary>
public static class McpServerFactory
{
    public const string ServerName = "proxmox-mcp";

    public static string Version { get; } =
        typeof(McpServerFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// The runtime's tools as this configuration offers them, built once and shared by every session.
    /// They run on the runtime's services whichever transport carries the call.
    /// </summary>
    /// <param name="runtime">The configured server.</param>
    /// <param name="perRequest">For clients served without a session (2026-07-28 over HTTP).</param>
    public static IReadOnlyList<McpServerTool> ExposeTools(ServerRuntime runtime, bool perRequest = false) => ExposeTools(runtime.Tools, runtime.Options, runtime.Services, perRequest);

    public static IReadOnlyList<McpServerTool> ExposeTools(IReadOnlyList<ProxmoxToolBase> tools, Configuration.ProxmoxOptions settings, IServiceProvider services, bool perRequest = false) =>
        tools.Select(tool => (McpServerTool)new ExposedTool(tool, settings, services, perRequest)).ToList();

    /// <summary>The SDK's collection of these tools.</summary>
    public static McpServerPrimitiveCollection<McpServerTool> Collection(IReadOnlyList<McpServerTool> tools)
    {
        var collection = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in tools)
        {
            collection.Add(tool);
        }
        return collection;
    }

    /// <summary>Options for a server over one transport (stdio, or pipes in tests).</summary>
    public static McpServerOptions CreateOptions(ServerRuntime runtime)
    {
        var options = CreateOptions(runtime.Tools, runtime.Options, runtime.Services);
        WarmUpAfterToolsList(options, runtime);
        return options;
    }

    public static McpServerOptions CreateOptions(IReadOnlyList<ProxmoxToolBase> tools, Configuration.ProxmoxOptions settings, IServiceProvider services)
    {
        var options = new McpServerOptions();
        Configure(options, ExposeTools(tools, settings, services), settings, services);
        return options;
    }

    /// <summary>
    /// Once the client has the tool list (it has started the server and will call a tool when the user
    /// asks), the Proxmox client is readied in the background (<see cref="ServerRuntime.WarmUpAsync"/>):
    /// the handshake itself is answered without waiting for it.
    /// </summary>
    public static void WarmUpAfterToolsList(McpServerOptions options, ServerRuntime runtime) =>
        options.Filters.Request.ListToolsFilters.Add(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken).ConfigureAwait(false);
            _ = runtime.WarmUpAsync(CancellationToken.None);
            return result;
        });

    /// <param name="options">The SDK's options to fill (for HTTP, the ones its transport creates sessions from).</param>
    /// <param name="tools">The tools this configuration exposes.</param>
    /// <param name="settings">What they are offered under: confirmation notices in the instructions.</param>
    /// <param name="services">The runtime's services, which the resource and completion handlers read the cluster through.</param>
    public static void Configure(McpServerOptions options, IReadOnlyList<McpServerTool> tools, Configuration.ProxmoxOptions settings, IServiceProvider services)
    {
        var collection = Collection(tools);
        options.ServerInfo = new Implementation { Name = ServerName, Title = "Proxmox VE", Version = Version };
        options.Capabilities ??= new ServerCapabilities();
        options.Capabilities.Tools ??= new ToolsCapability();
        options.Capabilities.Resources = ClusterResources.Capability(settings);
        options.Capabilities.Completions = ArgumentCompletions.Capability(settings);
        options.Handlers = ClusterResources.Handlers(settings, services);
        options.ToolCollection = collection;
        GuidedPrompts.Register(options, settings, services);
        options.ServerInstructions =
            "Tools for one Proxmox VE cluster. Read with list_nodes, cluster_resources, list_vms and list_containers before acting; " +
            "preview shows exactly what a change tool would send before you call it. " +
            "Nothing can be deleted through this server: deletion, rollback and other irreversible actions are left to a human." +
            (settings.Confirm.IsEmpty ? string.Empty : " Tools that say they ask the user to confirm wait for the user's answer; a refusal is the user's no: do not retry it unasked.");
    }

    public static McpServer Create(ITransport transport, McpServerOptions options, ILoggerFactory loggerFactory, IServiceProvider services) =>
        McpServer.Create(transport, options, loggerFactory, services);
}

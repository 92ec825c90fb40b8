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

    /// <param name="tools">The tools this configuration exposes.</param>
    /// <param name="settings">What they are offered under: confirmation notices and time budgets.</param>
    public static McpServerOptions CreateOptions(IReadOnlyList<ProxmoxToolBase> tools, Configuration.ProxmoxOptions settings)
    {
        var collection = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var tool in tools)
        {
            collection.Add(new ExposedTool(tool, settings));
        }
        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Title = "Proxmox VE", Version = Version },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability(), Resources = ClusterResources.Capability(settings), Completions = ArgumentCompletions.Capability(settings) },
            Handlers = ClusterResources.Handlers(settings),
            ToolCollection = collection,
            ServerInstructions =
                "Tools for one Proxmox VE cluster. Read with list_nodes, cluster_resources, list_vms and list_containers before acting. " +
                "Nothing can be deleted through this server: deletion, rollback and other irreversible actions are left to a human." +
                (settings.Confirm.IsEmpty ? string.Empty : " Tools that say they ask the user to confirm wait for the user's answer; a refusal is the user's no: do not retry it unasked."),
        };
    }

    public static McpServer Create(ITransport transport, McpServerOptions options, ILoggerFactory loggerFactory, IServiceProvider services) =>
        McpServer.Create(transport, options, loggerFactory, services);
}

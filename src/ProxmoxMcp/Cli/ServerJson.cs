using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>.mcp/server.json</c>, the entry MCP registries (and NuGet.org) read from the package: the server's
/// name, description and version, how to run it (<c>dnx</c> with the NuGet package, over stdio), and every
/// environment variable from <see cref="SettingCatalog"/>, with its description, default, choices and
/// whether it is required or secret. Written by <c>proxmox-mcp settings --server-json</c>; a test keeps the
/// committed file equal to it.
/// </summary>
internal static class ServerJson
{
    public const string Schema = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";

    /// <summary>What registries show; their schema allows 100 characters.</summary>
    public const string Description = "See and operate a Proxmox VE cluster: read, power, provision, exec. It never deletes anything.";

    /// <summary>The registry name (reverse DNS of where the source lives) and the NuGet package id, from the project file.</summary>
    public static string Name => Metadata("McpServerName");

    public static string PackageId => Metadata("PackageId");

    public static string Text()
    {
        var variables = new JsonArray();
        foreach (var setting in SettingCatalog.All)
        {
            var variable = new JsonObject
            {
                ["name"] = setting.Name,
                ["description"] = setting.Description,
                ["isRequired"] = setting.Required,
                ["isSecret"] = setting.Secret,
                ["format"] = setting.Format,
            };
            if (setting.Default is not null)
            {
                variable["default"] = setting.Default;
            }
            if (setting.Choices is not null)
            {
                variable["choices"] = new JsonArray([.. setting.Choices.Select(c => (JsonNode)c)]);
            }
            variables.Add(variable);
        }
        var server = new JsonObject
        {
            ["$schema"] = Schema,
            ["name"] = Name,
            ["title"] = "Proxmox VE",
            ["description"] = Description,
            ["version"] = McpServerFactory.Version,
            ["packages"] = new JsonArray(new JsonObject
            {
                ["registryType"] = "nuget",
                ["identifier"] = PackageId,
                ["version"] = McpServerFactory.Version,
                ["runtimeHint"] = "dnx",
                ["transport"] = new JsonObject { ["type"] = "stdio" },
                ["environmentVariables"] = variables,
            }),
        };
        return server.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string Metadata(string key) =>
        typeof(ServerJson).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The assembly has no {key} metadata; see ProxmoxMcp.csproj.");
}

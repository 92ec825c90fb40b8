using System.CommandLine;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety;
using ProxmoxMcp.Sandbox;

namespace ProxmoxMcp.Cli;

/// <summary>
/// The <c>proxmox-mcp</c> command line: serve (the default), tools, call, doctor, audit verify, settings, client-config;
/// <c>--sandbox</c> and <c>--profile NAME</c> on any of them. Exit codes: 0 ok (also a server stopped by SIGTERM, SIGINT or the end of stdin), 1 the tool or
/// check failed, 2 usage or configuration error, 130 a one-shot command interrupted.
/// </summary>
public static class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string>? settings = null)
    {
        var sandbox = new Option<bool>("--sandbox")
        {
            Description = "Run against the built-in simulated cluster instead of PROXMOX_HOST",
            Recursive = true,
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "Use this cluster from the profiles file (~/.config/proxmox-mcp/profiles.env or PROXMOX_PROFILES_FILE; also PROXMOX_PROFILE); environment variables still win",
            Recursive = true,
        };

        var http = new Option<bool>("--http") { Description = "Serve MCP over HTTP instead of stdio: Streamable HTTP at /mcp, legacy HTTP+SSE at /sse" };
        var bind = new Option<string>("--bind")
        {
            Description = "ADDRESS:PORT for --http; beyond loopback it needs PROXMOX_MCP_HTTP_TOKEN",
            DefaultValueFactory = _ => "127.0.0.1:8765",
        };
        var cert = new Option<string?>("--cert") { Description = "For --http: serve HTTPS with this certificate (a PEM file with the certificate and its key, or a PFX; PROXMOX_MCP_CERT_PASSWORD for an encrypted one)" };
        var serve = new Command("serve", "Serve MCP over stdio (the default) or HTTP (--http)") { http, bind, cert };

        var toolsJson = new Option<bool>("--json") { Description = "Print every tool with its schemas and annotations as JSON" };
        var checksum = new Option<bool>("--checksum") { Description = "Print {\"checksum\":\"<sha-256>\",\"tools\":N} for the tool registry" };
        var writeLock = new Option<string?>("--write-lock") { Description = "Write the registry's lock text to this file (used by -p:UpdateToolsLock=true)", Hidden = true };
        var policy = new Option<bool>("--policy") { Description = "Print the safety policy: every operation the server may send, its parameters and the rule for each value" };
        var toolsMarkdown = new Option<bool>("--markdown") { Description = "Print the README's tool reference (a Markdown table made from the registry)" };
        var toolsWrite = new Option<string?>("--write") { Description = "With --markdown: replace the tool reference in this file (between its marker lines) instead of printing" };
        var tools = new Command("tools", "List the tools this build can offer") { toolsJson, checksum, writeLock, policy, toolsMarkdown, toolsWrite };

        var toolName = new Argument<string>("tool") { Description = "The tool to run, e.g. list_nodes" };
        var argPairs = new Option<string[]>("--arg")
        {
            Description = "An argument as name=value (repeatable); JSON values such as 101 or true are typed",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        var jsonArgs = new Option<string?>("--json") { Description = "All arguments as one JSON object" };
        var structured = new Option<bool>("--structured") { Description = "Print the structured result as JSON instead of the text" };
        var call = new Command("call", "Run one tool through the same registry and safety layers as the server") { toolName, argPairs, jsonArgs, structured };

        var allProfiles = new Option<bool>("--all-profiles") { Description = "Check every profile in the profiles file, one after the other" };
        var doctor = new Command("doctor", "Check configuration, connectivity, token privileges and the tool registry") { allProfiles };

        var auditFile = new Argument<string?>("file") { Description = "The audit file (default: PROXMOX_MCP_AUDIT_LOG); its rotated files are checked with it", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify", "Check the audit file's hash chain and name the first line that was edited, removed or moved") { auditFile };
        var audit = new Command("audit", "The audit record of every tool call") { verify };

        var serverJson = new Option<bool>("--server-json") { Description = "Print the MCP registry entry (.mcp/server.json) made from the same list" };
        var writeTo = new Option<string?>("--write") { Description = "Write to this file instead of printing" };
        var settingsCommand = new Command("settings", "List every setting (environment variable), its default and what it does") { serverJson, writeTo };

        var clientName = new Argument<string>("client") { Description = "claude-code, claude-desktop or cursor" };
        clientName.AcceptOnlyFromAmong(ClientConfigCommand.Clients);
        var writeConfig = new Option<bool>("--write") { Description = "Merge into the client's files, keeping everything already there (a backup of each is written first)" };
        var configPath = new Option<string?>("--path") { Description = "The project directory (claude-code: .mcp.json and .claude/settings.json; cursor: .cursor/mcp.json; default: the current one), or claude-desktop's config file" };
        var serverName = new Option<string>("--name") { Description = "The server's name in the client", DefaultValueFactory = _ => ClientConfig.ClientConfigBuilder.DefaultServerName };
        var clientConfig = new Command("client-config", "Print this server's entry for an MCP client with the current settings (secrets as placeholders), and Claude Code's rules that ask before every change")
        {
            clientName, writeConfig, configPath, serverName,
        };

        var root = new RootCommand("proxmox-mcp: an MCP server for Proxmox VE that can never delete anything") { sandbox, profile, serve, tools, call, doctor, audit, settingsCommand, clientConfig };

        ProxmoxMcp.Hosting.StartupTrace.Mark("command line built");
        settings ??= ReadSettings(error);
        if (settings is null)
        {
            return ExitCodes.Usage;
        }
        // SIGTERM, SIGINT and SIGQUIT are handled here rather than by System.CommandLine: a server that
        // stops because it was asked to has done its job and exits 0 after a clean shutdown.
        using var shutdown = new ShutdownSignal();

        // The profile (--profile, or PROXMOX_PROFILE) goes under the environment's settings once the command line is read.
        IReadOnlyDictionary<string, string> Settings(ParseResult parse) => ResolvedSettings.Resolve(settings, parse.GetValue(profile));

        serve.SetAction((parse, _) =>
        {
            if (parse.GetValue(http))
            {
                // Over HTTP nothing reads stdin: a parent that pipes it ends the server by closing it.
                shutdown.StopAtEndOfPipedStdin();
            }
            return Guard(error, shutdown, () => ServeCommand.RunAsync(Settings(parse), parse.GetValue(sandbox), parse.GetValue(http), parse.GetValue(bind)!, parse.GetValue(cert), error, shutdown.Token));
        });
        root.SetAction((parse, _) => Guard(error, shutdown, () => ServeCommand.RunAsync(Settings(parse), parse.GetValue(sandbox), http: false, bind: string.Empty, certificate: null, error, shutdown.Token)));
        tools.SetAction((parse, _) => Guard(error, shutdown, () => ToolsCommand.RunAsync(Settings(parse), parse.GetValue(toolsJson), parse.GetValue(checksum), parse.GetValue(writeLock), parse.GetValue(policy), output, error,
            parse.GetValue(toolsMarkdown), parse.GetValue(toolsWrite))));
        call.SetAction((parse, _) => Guard(error, shutdown, () => CallCommand.RunAsync(
            Settings(parse), parse.GetValue(sandbox), parse.GetValue(toolName)!, parse.GetValue(argPairs) ?? [], parse.GetValue(jsonArgs), parse.GetValue(structured), output, error, shutdown.Token)));
        settingsCommand.SetAction((parse, _) => SettingsCommand.RunAsync(parse.GetValue(serverJson), parse.GetValue(writeTo), output, error));
        verify.SetAction((parse, _) => Guard(error, shutdown, () => AuditCommand.VerifyAsync(Settings(parse), parse.GetValue(auditFile), output, error)));
        doctor.SetAction((parse, _) => Guard(error, shutdown, () =>
        {
            if (!parse.GetValue(allProfiles))
            {
                return DoctorCommand.RunAsync(Settings(parse), parse.GetValue(sandbox), output, shutdown.Token);
            }
            if (parse.GetValue(sandbox) || parse.GetValue(profile) is not null)
            {
                throw new ConfigurationException(["doctor --all-profiles checks every profile in the profiles file; leave out --sandbox and --profile"]);
            }
            return DoctorCommand.RunAllProfilesAsync(settings, output, shutdown.Token);
        }));
        clientConfig.SetAction((parse, _) => ClientConfigCommand.RunAsync(
            Settings(parse), parse.GetValue(sandbox), parse.GetValue(clientName)!, parse.GetValue(writeConfig), parse.GetValue(configPath), parse.GetValue(serverName)!, output, error));

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }
            await error.WriteLineAsync("Run 'proxmox-mcp --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    private static IReadOnlyDictionary<string, string>? ReadSettings(TextWriter error)
    {
        try
        {
            return SettingsSource.ReadProcess();
        }
        catch (ConfigurationException exception)
        {
            error.WriteLine(exception.Message);
            return null;
        }
    }

    /// <summary>Configuration and registry problems are usage errors (2), written to stderr, never a stack trace.</summary>
    private static async Task<int> Guard(TextWriter error, ShutdownSignal shutdown, Func<Task<int>> action)
    {
        try
        {
            var code = await action().ConfigureAwait(false);
            // A server asked to stop ends cleanly; a one-shot command cut short did not finish its job.
            return code;
        }
        catch (OperationCanceledException) when (shutdown.Requested)
        {
            await error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (ConfigurationException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            await error.WriteLineAsync("Set these in the environment, in a .env file (see .env.example) or in a profile (--profile), or try the built-in sandbox with --sandbox.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (RegistryIntegrityException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}

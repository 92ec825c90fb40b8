using System.Collections;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// Where settings come from: a <c>.env</c> file (PROXMOX_ENV_FILE, or <c>.env</c> in the working
/// directory), overridden by the process environment, which always wins.
/// </summary>
public static class SettingsSource
{
    public const string EnvFileVariable = "PROXMOX_ENV_FILE";

    public static IReadOnlyDictionary<string, string> Read(IDictionary environment, string workingDirectory)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var explicitFile = environment[EnvFileVariable] as string;
        var envFile = string.IsNullOrWhiteSpace(explicitFile) ? Path.Combine(workingDirectory, ".env") : explicitFile;
        if (File.Exists(envFile))
        {
            foreach (var pair in DotNetEnv.Env.NoEnvVars().Load(envFile))
            {
                settings[pair.Key] = pair.Value;
            }
        }
        else if (!string.IsNullOrWhiteSpace(explicitFile))
        {
            throw new ConfigurationException([$"{EnvFileVariable}: the file '{explicitFile}' does not exist"]);
        }
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                settings[key] = value;
            }
        }
        return settings;
    }

    /// <summary>The real process environment and working directory.</summary>
    public static IReadOnlyDictionary<string, string> ReadProcess() =>
        Read(Environment.GetEnvironmentVariables(), Directory.GetCurrentDirectory());
}

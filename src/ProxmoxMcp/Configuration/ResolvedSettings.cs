using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// The settings a command runs with, and where they came from: the environment (with .env), over the
/// chosen profile's section of the profiles file, over the file's shared lines. Everything that reads
/// settings reads them as a dictionary; <c>doctor</c> also shows which profile was used and which of its
/// settings the environment replaced.
/// </summary>
public sealed class ResolvedSettings : IReadOnlyDictionary<string, string>
{
    private readonly IReadOnlyDictionary<string, string> _values;

    private ResolvedSettings(IReadOnlyDictionary<string, string> values, string? profile, string? profilesFile, IReadOnlyList<string> overridden)
    {
        _values = values;
        Profile = profile;
        ProfilesFile = profilesFile;
        OverriddenByEnvironment = overridden;
    }

    /// <summary>The profile whose section was read; null when none was chosen.</summary>
    public string? Profile { get; }

    /// <summary>The file the profile came from.</summary>
    public string? ProfilesFile { get; }

    /// <summary>Settings the profile gives that the environment (or .env) replaced, by name.</summary>
    public IReadOnlyList<string> OverriddenByEnvironment { get; }

    /// <summary>
    /// The environment's settings over <paramref name="profile"/> (or PROXMOX_PROFILE) from the profiles
    /// file; just the environment's when no profile is chosen.
    /// </summary>
    /// <param name="environment">The process environment with .env (see <see cref="SettingsSource"/>).</param>
    /// <param name="profile">--profile, which wins over PROXMOX_PROFILE.</param>
    /// <exception cref="ConfigurationException">The profile or its file has a problem.</exception>
    public static ResolvedSettings Resolve(IReadOnlyDictionary<string, string> environment, string? profile)
    {
        if (environment is ResolvedSettings { Profile: null } plain)
        {
            environment = plain._values;
        }
        profile ??= environment.TryGetValue(OptionsLoader.ProfileVariable, out var named) && !string.IsNullOrWhiteSpace(named) ? named.Trim() : null;
        if (profile is null)
        {
            return new ResolvedSettings(environment, null, null, []);
        }
        if (!Configuration.ProfilesFile.IsValidName(profile))
        {
            throw new ConfigurationException([$"profile '{profile}' is not a profile name: use letters, digits, '.', '-' and '_'"]);
        }
        var file = Configuration.ProfilesFile.Load(Configuration.ProfilesFile.PathFor(environment));
        if (!file.Profiles.TryGetValue(profile, out var section))
        {
            throw new ConfigurationException([$"profile '{profile}' is not in {file.Path}; it holds {string.Join(", ", file.Profiles.Keys)}"]);
        }
        return FromFile(environment, file, profile);
    }

    /// <summary>The environment over one profile of an already read file (doctor --all-profiles).</summary>
    public static ResolvedSettings FromFile(IReadOnlyDictionary<string, string> environment, ProfilesFile file, string profile)
    {
        var section = file.Profiles[profile];
        var values = new Dictionary<string, string>(file.Shared, StringComparer.Ordinal);
        foreach (var (key, value) in section)
        {
            values[key] = value;
        }
        var overridden = new List<string>();
        foreach (var (key, value) in environment)
        {
            if (values.TryGetValue(key, out var fromProfile))
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    // An empty variable (an MCP client's env block with a blank) does not wipe out the profile's value.
                    continue;
                }
                if (fromProfile != value)
                {
                    overridden.Add(key);
                }
            }
            values[key] = value;
        }
        values[OptionsLoader.ProfileVariable] = profile;
        return new ResolvedSettings(values, profile, file.Path, overridden.Order(StringComparer.Ordinal).ToList());
    }

    public string this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<string> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

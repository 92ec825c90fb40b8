using System.Text.RegularExpressions;

namespace ProxmoxMcp.Configuration;

/// <summary>
/// Several named clusters in one file, <c>~/.config/proxmox-mcp/profiles.env</c> (or PROXMOX_PROFILES_FILE):
/// <c>[name]</c> sections of the same <c>PROXMOX_...=value</c> lines as a <c>.env</c> file, each holding
/// one cluster's host, login, TLS pin, write scope, exec settings and so on. Lines before the first
/// section are shared by every profile. Values are read as DotNetEnv reads <c>.env</c> files (quotes,
/// escapes, comments). A name no setting has is a problem, not ignored: a typo must not fall back to a
/// default.
/// </summary>
public sealed partial class ProfilesFile
{
    public const string FileVariable = "PROXMOX_PROFILES_FILE";

    /// <summary>Settings that choose where settings come from; a profile cannot set them.</summary>
    private static readonly HashSet<string> NotInProfiles = new(StringComparer.Ordinal)
    {
        OptionsLoader.ProfileVariable, FileVariable, SettingsSource.EnvFileVariable,
    };

    [GeneratedRegex(@"^\s*\[(?<name>[^\]]*)\]\s*(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProfileName();

    private ProfilesFile(string path, IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> profiles)
    {
        Path = path;
        Shared = shared;
        Profiles = profiles;
    }

    public string Path { get; }

    /// <summary>Settings before the first section, under every profile's own.</summary>
    public IReadOnlyDictionary<string, string> Shared { get; }

    /// <summary>The profiles by name, in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Profiles { get; }

    /// <summary>PROXMOX_PROFILES_FILE, or profiles.env in the user's configuration folder (~/.config/proxmox-mcp on Linux).</summary>
    public static string PathFor(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue(FileVariable, out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? OptionsLoader.ExpandHome(configured.Trim())
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "proxmox-mcp", "profiles.env");

    /// <summary>A valid profile name: letters, digits, '.', '-' and '_' (it names the profile's audit file too).</summary>
    public static bool IsValidName(string name) => ProfileName().IsMatch(name);

    /// <summary>Reads and checks the file; every problem is reported at once.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or holds problems.</exception>
    public static ProfilesFile Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException([$"the profiles file {path} does not exist; create it (README, 'Several clusters: profiles') or name another with {FileVariable}"]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([$"cannot read the profiles file {path}: {exception.Message}"]);
        }

        var problems = new List<string>();
        var sections = new List<(string Name, int Line, List<string> Lines)> { (string.Empty, 1, []) };
        for (var index = 0; index < lines.Length; index++)
        {
            var header = SectionHeader().Match(lines[index]);
            if (!header.Success)
            {
                sections[^1].Lines.Add(lines[index]);
                continue;
            }
            var name = header.Groups["name"].Value.Trim();
            if (!IsValidName(name))
            {
                problems.Add($"{path}:{index + 1}: [{name}] is not a profile name: use letters, digits, '.', '-' and '_'");
            }
            else if (sections.Any(s => s.Name == name))
            {
                problems.Add($"{path}:{index + 1}: profile [{name}] appears twice");
            }
            sections.Add((name, index + 1, []));
        }

        IReadOnlyDictionary<string, string> shared = new Dictionary<string, string>();
        var profiles = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, line, body) in sections)
        {
            var where = name.Length == 0 ? $"{path} (before the first profile)" : $"{path} [{name}] (line {line})";
            var values = Parse(string.Join('\n', body), where, problems);
            if (name.Length == 0)
            {
                shared = values;
            }
            else
            {
                profiles.TryAdd(name, values);
            }
        }
        if (profiles.Count == 0 && problems.Count == 0)
        {
            problems.Add($"{path} holds no profile; start one with a [name] line");
        }
        return problems.Count > 0 ? throw new ConfigurationException(problems) : new ProfilesFile(path, shared, profiles);
    }

    private static Dictionary<string, string> Parse(string text, string where, List<string> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<KeyValuePair<string, string>> pairs;
        try
        {
            pairs = DotNetEnv.Env.LoadContents(text, DotNetEnv.Env.NoEnvVars()).ToList();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problems.Add($"{where}: cannot be read as NAME=value lines ({exception.Message.Split('\n')[0]})");
            return values;
        }
        foreach (var (key, value) in pairs)
        {
            if (NotInProfiles.Contains(key))
            {
                problems.Add($"{where}: {key} chooses where settings come from and cannot be set in a profile");
            }
            else if (!SettingCatalog.IsKnown(key))
            {
                problems.Add($"{where}: {key} is not a setting{SettingCatalog.Suggestion(key)}");
            }
            else
            {
                values[key] = value;
            }
        }
        return values;
    }
}

using ProxmoxMcp.Tools;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Start-up check of the tool registry, so a build made without the analyzers still cannot serve a
/// destructive tool: no destructive verb in any name, no duplicate, annotations that match the tier,
/// and (when PROXMOX_MCP_REGISTRY_PIN is set) the exact checksum the user approved.
/// </summary>
public static class RegistrySelfCheck
{
    public static IReadOnlyList<string> FindProblems(IReadOnlyList<ProxmoxToolBase> tools, string checksum, string? pin)
    {
        var problems = new List<string>();
        foreach (var duplicate in tools.GroupBy(t => t.Definition.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"tool '{duplicate.Key}' is registered {duplicate.Count()} times");
        }
        foreach (var tool in tools)
        {
            var definition = tool.Definition;
            if (DestructiveVocabulary.FindDestructiveWord(definition.Name) is { } verb)
            {
                problems.Add($"tool '{definition.Name}' contains the destructive verb '{verb}'");
            }
            var expectedReadOnly = definition.Tier == ToolTier.Read;
            var expectedDestructive = definition.Tier == ToolTier.GuestExec;
            if (definition.ReadOnlyHint != expectedReadOnly || definition.DestructiveHint != expectedDestructive)
            {
                problems.Add($"tool '{definition.Name}' has annotations that do not match its tier {definition.Tier}");
            }
        }
        if (pin is not null && !string.Equals(pin, checksum, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"the registry checksum {checksum} differs from PROXMOX_MCP_REGISTRY_PIN {pin}: this build exposes a different tool surface than the one you approved");
        }
        return problems;
    }

    /// <summary>Throws when <see cref="FindProblems"/> finds anything; the server must not start.</summary>
    public static void Ensure(IReadOnlyList<ProxmoxToolBase> tools, string checksum, string? pin)
    {
        var problems = FindProblems(tools, checksum, pin);
        if (problems.Count > 0)
        {
            throw new RegistryIntegrityException(problems);
        }
    }
}

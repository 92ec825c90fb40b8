namespace ProxmoxMcp.Generators.Model
{
    /// <summary>One source file of the safety surface (the policy table, its rules, the tools' option views): its name and the SHA-256 of its normalized text.</summary>
    internal sealed record SafetyFile(string Name, string Sha256);
}

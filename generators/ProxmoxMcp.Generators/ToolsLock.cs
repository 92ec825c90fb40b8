using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ProxmoxMcp.Generators.Model;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// The approved tool surface, <c>tools.lock.json</c> at the repository root: the registry checksum,
    /// then one line per tool with its hash and canonical surface, so a review diff shows exactly which
    /// tool changed and how.
    /// </summary>
    internal static class ToolsLock
    {
        public const string FileName = "tools.lock.json";
        public const string UpdateCommand = "dotnet build src/ProxmoxMcp -p:UpdateToolsLock=true";

        private static readonly Regex SafetyLine = new Regex("^\\s*\"([^\"]+\\.cs)\"\\s*:\\s*\"([0-9a-f]{64})\"", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private static readonly Regex ToolLine = new Regex("^\\s*\"([^\"]+)\"\\s*:\\s*\\{\\s*\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>
        /// SHA-256 over the canonical registry: every tool's canonical JSON, sorted by name, as one JSON
        /// array, then (when there is one) the safety surface, one "name sha256" line per source file.
        /// </summary>
        public static string Checksum(IReadOnlyList<ToolModel> sortedTools, IReadOnlyList<SafetyFile>? safety = null) =>
            Sha256("[" + string.Join(",", sortedTools.Select(t => t.CanonicalJson)) + "]"
                + (safety is null || safety.Count == 0 ? string.Empty : "\n" + string.Join("\n", safety.Select(f => f.Name + " " + f.Sha256))));

        /// <summary>Source text as hashed: line endings and a byte-order mark do not count, so every checkout hashes alike.</summary>
        public static string Normalize(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n');

        public static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var builder = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return builder.ToString();
        }

        /// <summary>The exact text the lock file must hold for these tools.</summary>
        public static string Render(IReadOnlyList<ToolModel> sortedTools, IReadOnlyList<SafetyFile>? safety = null)
        {
            var builder = new StringBuilder();
            builder.Append("{\n  \"checksum\": \"").Append(Checksum(sortedTools, safety)).Append("\",\n");
            if (safety is not null && safety.Count > 0)
            {
                builder.Append("  \"safety\": {\n");
                for (var i = 0; i < safety.Count; i++)
                {
                    builder.Append("    ");
                    JsonValue.WriteString(builder, safety[i].Name);
                    builder.Append(": \"").Append(safety[i].Sha256).Append('"').Append(i + 1 < safety.Count ? ",\n" : "\n");
                }
                builder.Append("  },\n");
            }
            builder.Append("  \"tools\": {\n");
            for (var i = 0; i < sortedTools.Count; i++)
            {
                var tool = sortedTools[i];
                builder.Append("    ");
                JsonValue.WriteString(builder, tool.Name);
                builder.Append(": {\"sha256\": \"").Append(Sha256(tool.CanonicalJson)).Append("\", \"surface\": ").Append(tool.CanonicalJson).Append('}');
                builder.Append(i + 1 < sortedTools.Count ? ",\n" : "\n");
            }
            builder.Append("  }\n}\n");
            return builder.ToString();
        }

        /// <summary>What differs between the lock and the code, as "added: a, b; changed: c; removed: d"; null when they agree.</summary>
        public static string? Compare(string lockText, IReadOnlyList<ToolModel> sortedTools, IReadOnlyList<SafetyFile>? safety = null)
        {
            var safetyDifference = CompareSafety(lockText, safety ?? new List<SafetyFile>());
            var locked = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in ToolLine.Matches(lockText))
            {
                locked[match.Groups[1].Value] = match.Groups[2].Value;
            }
            var current = sortedTools.ToDictionary(t => t.Name, t => Sha256(t.CanonicalJson), StringComparer.Ordinal);
            var added = current.Keys.Where(k => !locked.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var removed = locked.Keys.Where(k => !current.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var changed = current.Where(p => locked.TryGetValue(p.Key, out var hash) && hash != p.Value)
                .Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (added.Count == 0 && removed.Count == 0 && changed.Count == 0 && safetyDifference is null)
            {
                return null;
            }
            var parts = new List<string>();
            if (safetyDifference is not null)
            {
                parts.Add(safetyDifference);
            }
            if (added.Count > 0)
            {
                parts.Add("added: " + string.Join(", ", added));
            }
            if (changed.Count > 0)
            {
                parts.Add("changed: " + string.Join(", ", changed));
            }
            if (removed.Count > 0)
            {
                parts.Add("removed: " + string.Join(", ", removed));
            }
            return string.Join("; ", parts);
        }

        private static string? CompareSafety(string lockText, IReadOnlyList<SafetyFile> safety)
        {
            var locked = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in SafetyLine.Matches(lockText))
            {
                locked[match.Groups[1].Value] = match.Groups[2].Value;
            }
            var differing = safety.Where(f => !locked.TryGetValue(f.Name, out var hash) || hash != f.Sha256).Select(f => f.Name)
                .Concat(locked.Keys.Where(k => safety.All(f => f.Name != k)))
                .Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            return differing.Count == 0 ? null : "safety surface changed: " + string.Join(", ", differing);
        }
    }
}

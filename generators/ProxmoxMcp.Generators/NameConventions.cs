using System.Text;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Generators
{
    /// <summary>Naming rules shared by schemas and binding.</summary>
    internal static class NameConventions
    {
        private static readonly Regex ToolName = new Regex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant);

        public static bool IsValidToolName(string name) => ToolName.IsMatch(name);

        /// <summary>
        /// PascalCase or camelCase to snake_case, the same way System.Text.Json's
        /// <c>JsonNamingPolicy.SnakeCaseLower</c> does for the names tools use
        /// (acronym runs stay together: "VmId" -> "vm_id", "CPUUsage" -> "cpu_usage").
        /// </summary>
        public static string ToSnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 8);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                    var startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if ((previousIsLowerOrDigit || startsWord) && builder.Length > 0 && builder[builder.Length - 1] != '_')
                    {
                        builder.Append('_');
                    }
                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }
            return builder.ToString();
        }

        /// <summary>"list_nodes" -> "List nodes": the human title clients show.</summary>
        public static string ToTitle(string toolName)
        {
            var words = toolName.Replace('_', ' ');
            return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words.Substring(1);
        }
    }
}

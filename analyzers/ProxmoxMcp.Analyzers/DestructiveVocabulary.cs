using System;
using System.Collections.Generic;
using System.Linq;

namespace ProxmoxMcp.Safety
{
    /// <summary>
    /// The verbs no tool name may contain, matched as words (snake_case, kebab-case, PascalCase and
    /// camelCase alike) with their common inflections: "list_snapshots" passes; "delete_snapshot",
    /// "DestroyVm", "rollback_snapshot", "vm_wipe" and "RollBack" do not. Destructive stems are also
    /// found inside words and across word boundaries, so "purgevm", "nuke_vm", "vm_deletion",
    /// "detach_disk" and "restore_backup" fail too.
    /// This one file is compiled into both the build-time analyzer and the server's start-up check,
    /// so the two layers can never disagree about what is destructive.
    /// </summary>
    internal static class DestructiveVocabulary
    {
        public static readonly string[] Verbs =
        {
            "delete", "destroy", "remove", "purge", "erase", "wipe", "rollback", "revert", "unlink",
            "prune", "shrink", "drop", "reset", "kill", "truncate", "format", "nuke", "del", "rm", "zap", "detach", "restore",
        };

        /// <summary>
        /// Stems long and distinctive enough to match anywhere in a name (all words joined): no tool
        /// name that reads, starts, stops, creates or grows anything contains one.
        /// </summary>
        public static readonly string[] Stems =
        {
            "delet", "destroy", "destruct", "remov", "purg", "erase", "erasing", "erasure", "wipe", "wiping", "rollback",
            "revert", "unlink", "prune", "pruning", "shrink", "nuke", "nuking", "detach", "restor", "truncat",
            "overwrit", "discard", "obliterat", "annihilat", "uninstall", "unregister", "trash",
        };

        private static readonly Dictionary<string, string> Forms = BuildForms();

        /// <summary>The destructive verb <paramref name="name"/> contains as a word, or null.</summary>
        public static string? FindDestructiveWord(string name)
        {
            var words = SplitWords(name);
            for (var i = 0; i < words.Count; i++)
            {
                if (Forms.TryGetValue(words[i], out var verb))
                {
                    return verb;
                }
                // "RollBack" splits into two words that together are one verb.
                if (i + 1 < words.Count && Forms.TryGetValue(words[i] + words[i + 1], out verb))
                {
                    return verb;
                }
            }
            var joined = string.Concat(words);
            foreach (var stem in Stems)
            {
                if (joined.IndexOf(stem, StringComparison.Ordinal) >= 0)
                {
                    return stem;
                }
            }
            return null;
        }

        /// <summary>Lower-cased words: split at '_', '-', '.', spaces, digits boundaries and case changes.</summary>
        public static IReadOnlyList<string> SplitWords(string name)
        {
            var words = new List<string>();
            var current = new System.Text.StringBuilder();
            void Flush()
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString().ToLowerInvariant());
                    current.Clear();
                }
            }
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetter(c))
                {
                    Flush();
                    continue;
                }
                if (char.IsUpper(c) && current.Length > 0)
                {
                    var previousLower = char.IsLower(name[i - 1]);
                    var acronymEnds = char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (previousLower || acronymEnds)
                    {
                        Flush();
                    }
                }
                current.Append(c);
            }
            Flush();
            return words;
        }

        private static Dictionary<string, string> BuildForms()
        {
            var forms = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var verb in Verbs)
            {
                var stem = verb.EndsWith("e", StringComparison.Ordinal) ? verb.Substring(0, verb.Length - 1) : verb;
                var doubled = verb + verb[verb.Length - 1];
                var candidates = new[]
                {
                    verb, verb + "s", verb + "es", verb + "d", verb + "ed", verb + "ing", verb + "er", verb + "ers",
                    stem + "ing", stem + "ed", doubled + "ed", doubled + "ing", doubled + "er",
                };
                foreach (var form in candidates.Distinct())
                {
                    if (!forms.ContainsKey(form))
                    {
                        forms[form] = verb;
                    }
                }
            }
            return forms;
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Audit;

/// <summary>
/// The audit file's chain. Every line is one JSON object whose last two members are <c>prev</c>, the
/// SHA-256 of the previous line, and <c>hash</c>, the SHA-256 of this line up to (not including) its
/// hash member; <c>seq</c> counts lines from 1 across rotated files. An edited line no longer matches
/// its hash (or, re-hashed, the next line's prev), a removed line leaves a gap in seq, and a moved line
/// comes out of order, so <see cref="Verify"/> names the first line that was changed and how.
/// </summary>
public static class AuditChain
{
    /// <summary>The prev of the very first line.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string HashMember = ",\"hash\":\"";

    /// <summary>Seals one entry: sets seq and prev, appends the hash, returns the line (no newline) and its hash.</summary>
    public static (string Line, string Hash) Seal(JsonObject entry, long seq, string prev, JsonSerializerOptions json)
    {
        entry.Remove("seq");
        entry.Remove("prev");
        entry.Remove("hash");
        var ordered = new JsonObject { ["seq"] = seq };
        foreach (var (key, value) in entry.ToList())
        {
            entry.Remove(key);
            ordered[key] = value;
        }
        ordered["prev"] = prev;
        var body = ordered.ToJsonString(json);
        var hash = Sha256(body);
        return (body[..^1] + HashMember + hash + "\"}", hash);
    }

    /// <summary>The chain state a line leaves: its seq and hash, or null when the line is not a sealed audit line.</summary>
    public static (long Seq, string Hash)? Head(string line) =>
        Parse(line) is { } parsed && parsed.Problem is null ? (parsed.Seq, parsed.Hash) : null;

    /// <summary>Checks files oldest first as one chain; the result names the first broken line.</summary>
    public static AuditVerification Verify(IReadOnlyList<string> files)
    {
        // Only what the chain needs of each line is kept (seq, prev, hash), so large files verify in little memory.
        var entries = new List<(string Place, ParsedLine? Line, bool Empty)>();
        foreach (var file in files)
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                entries.Add(($"{file}:{number.ToString(CultureInfo.InvariantCulture)}", line.Length == 0 ? null : Parse(line), line.Length == 0));
            }
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var (place, parsed, empty) = entries[i];
            if (empty)
            {
                return AuditVerification.Broken(i, place, "an empty line: a line was cut or removed here");
            }
            if (parsed is null)
            {
                return AuditVerification.Broken(i, place, "not a sealed audit line (damaged, or inserted by hand)");
            }
            if (parsed.Problem is { } problem)
            {
                return AuditVerification.Broken(i, place, problem);
            }
            if (i == 0)
            {
                if (parsed.Seq == 1 && parsed.Prev != Genesis)
                {
                    return AuditVerification.Broken(i, place, "the first line does not start the chain (its prev is not the genesis value)");
                }
                continue;
            }
            var previous = entries[i - 1].Line!;
            if (parsed.Seq != previous.Seq + 1)
            {
                var expected = previous.Seq + 1;
                if (parsed.Seq <= previous.Seq || entries.Skip(i + 1).Any(e => e.Line is { Problem: null } later && later.Seq == expected))
                {
                    return AuditVerification.Broken(i, place, $"out of order: seq {parsed.Seq} follows seq {previous.Seq} (lines were moved)");
                }
                return AuditVerification.Broken(i, place, $"{parsed.Seq - expected} line(s) removed before it: seq jumps from {previous.Seq} to {parsed.Seq}");
            }
            if (parsed.Prev != previous.Hash)
            {
                return AuditVerification.Broken(i - 1, entries[i - 1].Place, "edited: the next line recorded a different hash for it (it was rewritten and re-hashed)");
            }
        }
        return AuditVerification.Intact(entries.Count, files.Count, entries.Count > 0 ? entries[0].Line!.Seq : 1);
    }

    /// <summary>The audit file and its rotated predecessors (FILE.1 is the newest of those), oldest first.</summary>
    public static IReadOnlyList<string> ChainFiles(string path)
    {
        var rotated = new List<(int Index, string Path)>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (Directory.Exists(directory))
        {
            var name = Path.GetFileName(path) + ".";
            foreach (var candidate in Directory.EnumerateFiles(directory, Path.GetFileName(path) + ".*"))
            {
                var candidateName = Path.GetFileName(candidate);
                if (candidateName.Length <= name.Length || !candidateName.StartsWith(name, StringComparison.Ordinal))
                {
                    continue;
                }
                var suffix = candidateName[name.Length..];
                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0)
                {
                    rotated.Add((index, candidate));
                }
            }
        }
        var files = rotated.OrderByDescending(r => r.Index).Select(r => r.Path).ToList();
        if (File.Exists(path))
        {
            files.Add(path);
        }
        return files;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static ParsedLine? Parse(string line)
    {
        var at = line.LastIndexOf(HashMember, StringComparison.Ordinal);
        if (at < 0 || !line.EndsWith("\"}", StringComparison.Ordinal) || line.Length - at - HashMember.Length - 2 != 64)
        {
            return null;
        }
        var body = line[..at] + "}";
        var recorded = line.Substring(at + HashMember.Length, 64);
        long seq;
        string? prev;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("seq", out var seqValue) || !seqValue.TryGetInt64(out seq)
                || !root.TryGetProperty("prev", out var prevValue) || prevValue.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            prev = prevValue.GetString();
        }
        catch (JsonException)
        {
            return new ParsedLine(0, string.Empty, recorded, "edited: it is no longer valid JSON");
        }
        var problem = Sha256(body) == recorded ? null : "edited: its content no longer matches its hash";
        return new ParsedLine(seq, prev ?? string.Empty, recorded, problem);
    }

    private sealed record ParsedLine(long Seq, string Prev, string Hash, string? Problem);
}

/// <summary>The result of <see cref="AuditChain.Verify"/>.</summary>
public sealed record AuditVerification(bool Ok, long Lines, string? Place, string? Problem, int Files, long FirstSeq)
{
    /// <summary>The oldest line present is not the chain's first: earlier lines were rotated away (or removed with their files).</summary>
    public bool StartsMidway => FirstSeq > 1;

    public static AuditVerification Intact(long lines, int files, long firstSeq) => new(true, lines, null, null, files, firstSeq);

    public static AuditVerification Broken(long linesBefore, string place, string problem) => new(false, linesBefore, place, problem, 0, 1);
}

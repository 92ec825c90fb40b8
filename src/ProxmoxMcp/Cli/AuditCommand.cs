using ProxmoxMcp.Audit;
using ProxmoxMcp.Configuration;

namespace ProxmoxMcp.Cli;

/// <summary>
/// <c>proxmox-mcp audit verify [FILE]</c>: checks the audit chain of FILE (default: the configured
/// PROXMOX_MCP_AUDIT_LOG) together with its rotated files, oldest first, and names the first line that
/// was edited, removed or moved. Exit 0 when intact, 1 when broken, 2 when there is nothing to check.
/// </summary>
internal static class AuditCommand
{
    public static async Task<int> VerifyAsync(IReadOnlyDictionary<string, string> settings, string? file, TextWriter output, TextWriter error)
    {
        var path = file ?? OptionsLoader.AuditLogPath(settings);
        if (path is null)
        {
            await error.WriteLineAsync("The audit file is off (PROXMOX_MCP_AUDIT_LOG=off); name a file: proxmox-mcp audit verify FILE").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var files = AuditChain.ChainFiles(path);
        if (files.Count == 0)
        {
            await error.WriteLineAsync($"No audit file at {path} (nor rotated ones beside it).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        AuditVerification result;
        try
        {
            result = AuditChain.Verify(files);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the audit files: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (!result.Ok)
        {
            await output.WriteLineAsync($"BROKEN at {result.Place}: {result.Problem}. The {result.Lines} line(s) before it verify.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        await output.WriteLineAsync($"ok: {result.Lines} line(s) in {result.Files} file(s) form an unbroken chain" +
            (result.StartsMidway
                ? $", but it starts at seq {result.FirstSeq}: the {result.FirstSeq - 1} line(s) before it are not here (rotated away under PROXMOX_MCP_AUDIT_KEEP, or their files were removed)."
                : " from the first line.")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

namespace ProxmoxMcp.Exec;

/// <summary>
/// Password login without a terminal: ssh runs SSH_ASKPASS with the prompt and reads the answer from
/// its output. The script holds no secret; it prints an environment variable set only for that one ssh
/// process, and only when the prompt asks for a password (<see cref="PasswordPrompts"/>): a one-time
/// code, a key's passphrase or a question gets no answer.
/// </summary>
internal static class AskPass
{
    public const string PasswordVariable = "PROXMOX_MCP_SSH_PASSWORD";

    public static string CreateScript()
    {
        var path = Path.Combine(Path.GetTempPath(), $"proxmox-mcp-askpass-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, $"#!/bin/sh\n{PasswordPrompts.AskPassTest()}\nprintf '%s\\n' \"${PasswordVariable}\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}

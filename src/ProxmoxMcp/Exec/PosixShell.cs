namespace ProxmoxMcp.Exec;

/// <summary>
/// POSIX shell quoting. Every argument of a remote command line goes through <see cref="Quote"/>:
/// single quotes make everything literal, and a single quote inside is closed, escaped and reopened,
/// so no argument can end the quoting and reach the host's shell.
/// </summary>
public static class PosixShell
{
    public static string Quote(string argument)
    {
        if (argument.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Arguments cannot contain NUL bytes.", nameof(argument));
        }
        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A command line of individually quoted words.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}

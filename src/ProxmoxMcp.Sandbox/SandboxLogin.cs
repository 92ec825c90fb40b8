namespace ProxmoxMcp.Sandbox;

/// <summary>A user who may log in with a password (POST /access/ticket), with the privileges it holds on every path.</summary>
/// <param name="User">USER@REALM.</param>
/// <param name="Password">Random at every start, as the token secrets are.</param>
/// <param name="Privileges">What the user may do.</param>
/// <param name="SecondFactor">The user's realm asks for a second factor: a password alone only starts the challenge.</param>
public sealed record SandboxLogin(string User, string Password, IReadOnlySet<string> Privileges, bool SecondFactor = false)
{
    /// <summary>The caller a valid ticket of this user stands for (no token: its id is the user).</summary>
    public SandboxToken Caller { get; } = new(User, string.Empty, string.Empty, Privileges);
}

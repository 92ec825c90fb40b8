namespace ProxmoxMcp.Tools;

/// <summary>
/// A tool refuses its input (a vmid of the wrong kind, a path with "..", a shrinking resize).
/// The message is written for the agent: it says what was wrong and what to do instead.
/// It becomes an <c>isError</c> result; no request has been sent when it is thrown.
/// </summary>
public sealed class ToolInputException(string message) : Exception(message);

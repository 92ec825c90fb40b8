using System.Text.RegularExpressions;

namespace ProxmoxMcp.Sandbox;

/// <summary>What to do to requests whose path matches a rule: fail them with a status, or drop the connection.</summary>
public sealed record FaultRule(Regex Path, string? Method, int Status, string Message, bool DropConnection, int RemainingHits);

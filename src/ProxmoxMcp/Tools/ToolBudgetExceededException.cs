namespace ProxmoxMcp.Tools;

/// <summary>A call that ran out of its time budget; the message names the budget and the tasks still running.</summary>
public sealed class ToolBudgetExceededException(string message) : Exception(message);

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>How a call reaches the person at the keyboard to ask for a yes (MCP elicitation).</summary>
public interface IConfirmationChannel
{
    /// <summary>The client declared that it can ask its user (the elicitation capability).</summary>
    bool CanAsk { get; }

    /// <summary>Shows the summary and one confirm field; cancellation (the timeout) throws.</summary>
    Task<ConfirmationAnswer> AskAsync(string summary, CancellationToken cancellationToken);
}

/// <summary>What the person answered.</summary>
public enum ConfirmationAnswer
{
    /// <summary>Accepted with confirm=true.</summary>
    Yes,

    /// <summary>Accepted with confirm=false, or declined.</summary>
    No,

    /// <summary>Dismissed without an answer.</summary>
    Cancelled,
}

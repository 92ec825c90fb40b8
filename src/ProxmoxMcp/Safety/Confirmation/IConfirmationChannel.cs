using System.Text.Json;

namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>How a call reaches the person at the keyboard to ask for a yes (MCP elicitation).</summary>
public interface IConfirmationChannel
{
    /// <summary>The client declared that it can ask its user (the elicitation capability).</summary>
    bool CanAsk { get; }

    /// <summary>Shows the summary and one confirm field; cancellation (the timeout) throws.</summary>
    Task<ConfirmationAnswer> AskAsync(ConfirmationQuestion question, CancellationToken cancellationToken);
}

/// <summary>What is asked, and of which call: the answer is bound to this tool and these exact arguments.</summary>
/// <param name="Summary">What the person reads.</param>
/// <param name="Tool">The tool called.</param>
/// <param name="Arguments">The arguments as sent.</param>
/// <param name="Timeout">How long an answer may take (PROXMOX_CONFIRM_TIMEOUT).</param>
/// <param name="Plan">A digest of the changes the summary shows: an answer counts only for a call that plans the same ones.</param>
public sealed record ConfirmationQuestion(string Summary, string Tool, IReadOnlyDictionary<string, JsonElement>? Arguments, TimeSpan Timeout, string Plan = "");

/// <summary>What the person answered.</summary>
public enum ConfirmationAnswer
{
    /// <summary>Accepted with confirm=true.</summary>
    Yes,

    /// <summary>Accepted with confirm=false, or declined.</summary>
    No,

    /// <summary>Dismissed without an answer.</summary>
    Cancelled,

    /// <summary>Answered after the confirmation timeout (a question asked as an input-required result).</summary>
    TooLate,
}

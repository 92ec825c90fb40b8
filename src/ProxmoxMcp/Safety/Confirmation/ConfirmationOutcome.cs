namespace ProxmoxMcp.Safety.Confirmation;

/// <summary>The confirmation decision of one call, as the audit records it.</summary>
public enum ConfirmationOutcome
{
    /// <summary>No rule of PROXMOX_CONFIRM covers the call.</summary>
    NotRequired,

    Confirmed,

    Declined,

    Cancelled,

    /// <summary>No answer within PROXMOX_CONFIRM_TIMEOUT.</summary>
    TimedOut,

    /// <summary>The client cannot ask its user (no elicitation capability), so the call was refused.</summary>
    Unsupported,
}

/// <summary>A call that needed a person's yes and did not get it; nothing was sent to Proxmox.</summary>
public sealed class ConfirmationRefusedException(ConfirmationOutcome outcome, string message) : Exception(message)
{
    public ConfirmationOutcome Outcome { get; } = outcome;
}

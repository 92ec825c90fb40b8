namespace ProxmoxMcp.Tools.Results;

/// <summary>What the real call would do, as its dry run found.</summary>
public enum PreviewOutcome
{
    /// <summary>It would send the listed changes (or run the listed command).</summary>
    Changes,

    /// <summary>It would send nothing: the guest is already as asked.</summary>
    NoChange,

    /// <summary>The safety policy would refuse a request; nothing would be sent from there on.</summary>
    Refused,

    /// <summary>The tool would fail before sending anything (bad input, a guest that does not exist, a locked guest...).</summary>
    Fails,
}

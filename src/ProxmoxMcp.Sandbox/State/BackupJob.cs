namespace ProxmoxMcp.Sandbox.State;

/// <summary>A scheduled backup job (Datacenter > Backup): what it covers, where it writes, when.</summary>
public sealed record BackupJob(string Id, string Schedule, string Storage, string Mode, bool Enabled)
{
    public bool All { get; init; }

    /// <summary>Comma-separated vmids, when the job names guests.</summary>
    public string? Vmids { get; init; }

    public string? Pool { get; init; }

    /// <summary>Guests left out of an "all" job.</summary>
    public string? Exclude { get; init; }

    public string? Comment { get; init; }

    /// <summary>Minutes after midnight (UTC) the job runs every day.</summary>
    public int DailyAtMinutes { get; init; } = 120;
}

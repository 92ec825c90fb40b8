using System.Globalization;

namespace ProxmoxMcp.Sandbox;

/// <summary>How the sandbox behaves: seed size, task speed, the real 401 delay, and the clock.</summary>
public sealed record SandboxOptions
{
    /// <summary>Guests added on top of the hand-made seed (for benchmarks: 10,000).</summary>
    public int ExtraGuests { get; init; }

    /// <summary>How long a worker task runs before it stops.</summary>
    public TimeSpan TaskDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The real server waits 3 s before answering 401; tests shorten it.</summary>
    public TimeSpan AuthFailureDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The seeded node that starts offline (null: all online).</summary>
    public string? OfflineNode { get; init; } = "pve3";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Settings for someone trying the server by hand (<c>--sandbox</c>, the standalone sandbox):
    /// tasks take long enough to watch progress, and 401 answers take the real 3 s.
    /// PROXMOX_SANDBOX_TASK_SECONDS and PROXMOX_SANDBOX_GUESTS adjust them.
    /// </summary>
    public static SandboxOptions ForInteractiveUse(IReadOnlyDictionary<string, string> settings)
    {
        var seconds = settings.TryGetValue("PROXMOX_SANDBOX_TASK_SECONDS", out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 600 ? parsed : 2;
        var guests = settings.TryGetValue("PROXMOX_SANDBOX_GUESTS", out var count)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var extra) && extra is >= 0 and <= 100_000 ? extra : 0;
        return new SandboxOptions
        {
            TaskDuration = TimeSpan.FromSeconds(seconds),
            AuthFailureDelay = TimeSpan.FromSeconds(3),
            ExtraGuests = guests,
        };
    }
}

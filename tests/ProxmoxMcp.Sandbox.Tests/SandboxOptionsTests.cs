namespace ProxmoxMcp.Sandbox.Tests;

public sealed class SandboxOptionsTests
{
    [Fact]
    public void Interactive_use_takes_real_timings_and_reads_its_settings()
    {
        var defaults = SandboxOptions.ForInteractiveUse(new Dictionary<string, string>());
        defaults.TaskDuration.ShouldBe(TimeSpan.FromSeconds(2));
        defaults.AuthFailureDelay.ShouldBe(TimeSpan.FromSeconds(3));
        defaults.ExtraGuests.ShouldBe(0);

        var tuned = SandboxOptions.ForInteractiveUse(new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "0.5", ["PROXMOX_SANDBOX_GUESTS"] = "10000" });
        tuned.TaskDuration.ShouldBe(TimeSpan.FromSeconds(0.5));
        tuned.ExtraGuests.ShouldBe(10_000);

        var nonsense = SandboxOptions.ForInteractiveUse(new Dictionary<string, string> { ["PROXMOX_SANDBOX_TASK_SECONDS"] = "-3", ["PROXMOX_SANDBOX_GUESTS"] = "lots" });
        nonsense.TaskDuration.ShouldBe(TimeSpan.FromSeconds(2));
        nonsense.ExtraGuests.ShouldBe(0);
    }
}

using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Analyzers.Tests;

public sealed class DestructiveToolAnalyzerTests
{
    [Theory]
    [InlineData("delete_vm", "CreateVm", "delete")]
    [InlineData("delete_snapshot", "Snap", "delete")]
    [InlineData("rollback_snapshot", "Snap", "rollback")]
    [InlineData("vm_wipe", "Clean", "wipe")]
    [InlineData("purge_backups", "Backups", "purge")]
    [InlineData("remove_disk", "Disk", "remove")]
    [InlineData("kill_process", "Proc", "kill")]
    [InlineData("format_disk", "Disk", "format")]
    [InlineData("reset_vm", "Power", "reset")]
    [InlineData("drop_table", "Tables", "drop")]
    [InlineData("truncate_log", "Log", "truncate")]
    [InlineData("shrink_disk", "Disk", "shrink")]
    [InlineData("prune_backups", "Backups", "prune")]
    [InlineData("unlink_disk", "Disk", "unlink")]
    [InlineData("revert_config", "Config", "revert")]
    [InlineData("erase_all", "All", "erase")]
    [InlineData("destroy_container", "Container", "destroy")]
    [InlineData("vm_deleted_list", "Listing", "delete")]
    // Stems inside words and across word boundaries (issue 14's bypasses).
    [InlineData("purgevm", "Clean", "purg")]
    [InlineData("nuke_vm", "Clean", "nuke")]
    [InlineData("vm_deletion", "Clean", "delet")]
    [InlineData("detach_disk", "Disk", "detach")]
    [InlineData("restore_backup", "Backups", "restore")]
    [InlineData("re_move_vm", "Vm", "remove")]
    [InlineData("overwrite_config", "Config", "overwrit")]
    [InlineData("vmremoval", "Vm", "remov")]
    public async Task Destructive_tool_names_fail_the_build(string toolName, string methodName, string verb)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Tool(toolName, methodName));

        var error = diagnostics.Single(d => d.Id == "PMCP0001");
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.GetMessage().ShouldContain($"'{toolName}'");
        error.GetMessage().ShouldContain($"'{verb}'");
    }

    [Theory]
    [InlineData("DestroyVm", "destroy")]
    [InlineData("RollBackSnapshot", "rollback")]
    [InlineData("WipeDisk", "wipe")]
    [InlineData("deleteVm", "delete")]
    public async Task Destructive_method_names_fail_the_build(string methodName, string verb)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Tool("harmless_name", methodName));

        var error = diagnostics.Single(d => d.Id == "PMCP0001");
        error.GetMessage().ShouldContain($"'{methodName}'");
        error.GetMessage().ShouldContain($"'{verb}'");
    }

    [Theory]
    [InlineData("list_snapshots", "ListSnapshots")]
    [InlineData("create_snapshot", "CreateSnapshot")]
    [InlineData("disk_information", "DiskInformation")]
    [InlineData("dropdown_values", "DropdownValues")]
    [InlineData("killswitch_status", "KillswitchStatus")]
    [InlineData("resize_disk", "ResizeDisk")]
    [InlineData("task_status", "TaskStatus")]
    [InlineData("reboot_vm", "RebootVm")]
    [InlineData("stop_vm", "StopVm")]
    [InlineData("list_storage", "ListStorage")]
    [InlineData("cluster_resources", "ClusterResources")]
    [InlineData("storage_content", "StorageContent")]
    public async Task Names_that_merely_contain_a_verb_as_a_substring_pass(string toolName, string methodName)
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Tool(toolName, methodName));

        diagnostics.ShouldNotContain(d => d.Id == "PMCP0001");
    }

    [Fact]
    public async Task Methods_without_the_attribute_are_not_tools()
    {
        var diagnostics = await AnalyzerHarness.AnalyzeAsync("""
            public sealed class Helpers
            {
                public void DeleteTemporaryFile() { }
            }
            """);

        diagnostics.ShouldBeEmpty();
    }

    private static string Tool(string toolName, string methodName) => $$"""
        using ProxmoxMcp.Tools;

        public sealed record Answer(string Value);

        public sealed class SomeTools
        {
            [ProxmoxTool("{{toolName}}", ToolTier.Provision)]
            public Answer {{methodName}}() => new("x");
        }
        """;
}

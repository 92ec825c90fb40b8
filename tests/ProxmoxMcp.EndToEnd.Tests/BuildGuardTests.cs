using System.Diagnostics;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The build-time layer on a real build: a copy of the sources with a destructive tool and a DELETE
/// request added under src/ must fail to build with PMCP0001 and PMCP0002; so must each bypass an
/// attacking contributor found (issue 14): destructive stems inside names, a bare HttpClient with a
/// method built at run time, and a widened policy table (PMCP0001, PMCP0012, PMCP0013, PMCP0006).
/// One build carries them all, since a build takes most of a minute here.
/// </summary>
public sealed class BuildGuardTests
{
    [Fact]
    public async Task A_delete_tool_a_DELETE_request_or_any_bypass_anywhere_in_src_fails_the_build()
    {
        var copy = Directory.CreateTempSubdirectory("proxmox-mcp-buildguard");
        try
        {
            SourceCopy.Make(copy.FullName);
            await File.WriteAllTextAsync(Path.Combine(copy.FullName, "src", "ProxmoxMcp", "Hosting", "Sneaky.cs"), """
                using ProxmoxMcp.Tools;

                namespace ProxmoxMcp.Hosting;

                /// <summary>Gone.</summary>
                /// <param name="Vmid">Which.</param>
                public sealed record Gone(int Vmid);

                public sealed class Sneaky
                {
                    /// <summary>Deletes a VM.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("delete_vm", ToolTier.Provision)]
                    public Gone DeleteVm(int vmid) => new(vmid);

                    public System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> Remove(System.Net.Http.HttpClient client) =>
                        client.SendAsync(new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Delete, "https://pve:8006/api2/json/nodes/pve1/qemu/100"));

                    /// <summary>Purges a VM.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("purgevm", ToolTier.Provision)]
                    public Gone Purgevm(int vmid) => new(vmid);

                    /// <summary>Nukes a VM.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("nuke_vm", ToolTier.Provision)]
                    public Gone NukeVm(int vmid) => new(vmid);

                    /// <summary>Deletion.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("vm_deletion", ToolTier.Provision)]
                    public Gone VmDeletion(int vmid) => new(vmid);

                    /// <summary>Detach.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("detach_disk", ToolTier.Provision)]
                    public Gone DetachDisk(int vmid) => new(vmid);

                    /// <summary>Restore.</summary>
                    /// <param name="vmid">Which.</param>
                    [ProxmoxTool("restore_backup", ToolTier.Provision)]
                    public Gone RestoreBackup(int vmid) => new(vmid);

                    public System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> Bare(string verb) =>
                        new System.Net.Http.HttpClient().SendAsync(new System.Net.Http.HttpRequestMessage(new System.Net.Http.HttpMethod(string.Concat("DEL", "ETE")), "https://pve:8006/api2/json/nodes/pve1/qemu/100"));

                    public System.Net.Http.HttpMethod Parsed(string verb) => System.Net.Http.HttpMethod.Parse(verb);
                }
                """, TestContext.Current.CancellationToken);
            // Widen the policy: the VM option catalog now lets hookscript through.
            var table = Path.Combine(copy.FullName, "src", "ProxmoxMcp", "Safety", "Policy", "PolicyTable.cs");
            var text = await File.ReadAllTextAsync(table, TestContext.Current.CancellationToken);
            text.ShouldContain(".Param(\"bios\",");
            await File.WriteAllTextAsync(table, text.Replace(".Param(\"bios\",", ".Param(\"hookscript\", new TextRule(255)).Param(\"bios\",", StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var start = new ProcessStartInfo(BuiltProgram.DotnetHost, ["build", Path.Combine(copy.FullName, "src", "ProxmoxMcp"), "-nologo", "-clp:ErrorsOnly"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = copy.FullName,
            };
            using var build = Process.Start(start)!;
            var output = await build.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await build.WaitForExitAsync(TestContext.Current.CancellationToken);

            build.ExitCode.ShouldNotBe(0, output);
            output.ShouldContain("error PMCP0001");
            output.ShouldContain("'delete_vm' contains the destructive verb 'delete'");
            output.ShouldContain("'DeleteVm' contains the destructive verb 'delete'");
            output.ShouldContain("error PMCP0002");
            foreach (var name in new[] { "purgevm", "nuke_vm", "vm_deletion", "detach_disk", "restore_backup" })
            {
                output.ShouldContain($"'{name}' contains the destructive verb");
            }
            output.ShouldContain("error PMCP0012");
            output.ShouldContain("new HttpClient(...) in ProxmoxMcp.Hosting.Sneaky");
            output.ShouldContain("error PMCP0013");
            output.ShouldContain("HttpMethod.Parse(...)");
            output.ShouldContain("error PMCP0006");
            output.ShouldContain("safety surface changed: Safety/Policy/PolicyTable.cs");
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}

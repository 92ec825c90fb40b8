using System.Diagnostics;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The build-time layer on a real build: a copy of the sources with a destructive tool and a DELETE
/// request added under src/ must fail to build with PMCP0001 and PMCP0002.
/// </summary>
public sealed class BuildGuardTests
{
    [Fact]
    public async Task A_delete_tool_or_a_DELETE_request_anywhere_in_src_fails_the_build()
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
                }
                """, TestContext.Current.CancellationToken);

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
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}

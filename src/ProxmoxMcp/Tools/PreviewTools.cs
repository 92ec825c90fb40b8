using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ProxmoxMcp.Configuration;
using ProxmoxMcp.Safety.Confirmation;
using ProxmoxMcp.Tools.Preview;
using ProxmoxMcp.Tools.Results;

namespace ProxmoxMcp.Tools;

/// <summary>
/// Tier A: one preview for every tool that changes something, so the model's context holds one tool, not one
/// per change tool. It runs the tool's own code as a dry run (see <see cref="ChangePreviewer"/>) and sends
/// only the reads the policy allows; the real call still needs its own confirmation.
/// </summary>
public sealed class PreviewTools(ChangePreviewer previewer, ConfirmationGate gate, ProxmoxOptions options)
{
    /// <summary>
    /// Dry-run a change tool before calling it: the exact requests and the policy's verdict, a config diff with its digest, the new guest, power or exec details. Sends nothing.
    /// </summary>
    /// <param name="tool">The tool, e.g. set_vm_config.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [ProxmoxTool("preview", ToolTier.Read)]
    public async Task<ChangePreview> Preview(
        [RegularExpression("^[a-z][a-z0-9_]{0,63}$")] string tool,
        IReadOnlyDictionary<string, JsonElement>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var target = Hosting.ToolCatalog.All.FirstOrDefault(t => t.Definition.Name == tool)
            ?? throw new ToolInputException($"There is no tool named '{tool}'; preview takes the name of a tool that changes something, e.g. set_vm_config or stop_vm.");
        if (target.Tier == ToolTier.Read)
        {
            throw new ToolInputException($"{tool} only reads; it changes nothing, so call it directly.");
        }
        if (!options.Exposes(target.Tier))
        {
            throw new ToolInputException($"{tool} is not offered by this server (its tier, {ToolTierNames.Name(target.Tier)}, is off: PROXMOX_TIERS{(target.Tier == ToolTier.GuestExec ? " or PROXMOX_ENABLE_EXEC" : string.Empty)}).");
        }
        var reason = await gate.ReasonAsync(target.Definition, arguments, cancellationToken).ConfigureAwait(false);
        var (preview, _) = await previewer.PreviewAsync(target, arguments, reason, cancellationToken).ConfigureAwait(false);
        return preview;
    }
}

namespace ProxmoxMcp.Tools.Support;

/// <summary>
/// Reads a tool starts side by side all end before it goes on. Awaited one after another, a failed first
/// read would end the call while the others were still on the wire: answered after the tool had
/// answered, outside the call that sent them (its audit line, its cancellation). Once all have ended,
/// awaiting each in turn rethrows the first failure in the order the tool reads them, as before.
/// </summary>
internal static class SideBySide
{
    public static async Task AllEndedAsync(params Task[] reads) =>
        await Task.WhenAll(reads).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}

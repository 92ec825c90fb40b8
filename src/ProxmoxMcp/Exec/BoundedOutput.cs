using System.Text;

namespace ProxmoxMcp.Exec;

/// <summary>
/// Collects one output stream up to a byte limit and keeps draining (so the process never blocks on a
/// full pipe), remembering whether anything was cut.
/// </summary>
public sealed class BoundedOutput(int limit)
{
    private readonly MemoryStream _kept = new();

    public bool Truncated { get; private set; }

    public async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(buffer.AsSpan(0, read));
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        var room = limit - (int)_kept.Length;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..Math.Max(0, room)];
        }
        _kept.Write(data);
    }

    public void Append(string text) => Append(Encoding.UTF8.GetBytes(text));

    /// <summary>The kept bytes as UTF-8 (a character cut at the limit becomes U+FFFD).</summary>
    public override string ToString() => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
}

namespace ProxmoxMcp.Tools.Support;

/// <summary>Bytes to the units people read, rounded so text stays short.</summary>
public static class Units
{
    public static long? Mib(long? bytes) => bytes is { } b ? (long)Math.Round(b / 1048576.0) : null;

    public static double? Gib(long? bytes) => bytes is { } b ? Math.Round(b / 1073741824.0, 1) : null;

    public static double? MibExact(long? bytes) => bytes is { } b ? Math.Round(b / 1048576.0, 1) : null;

    public static double? Percent(double? fraction) => fraction is { } f ? Math.Round(f * 100, 1) : null;

    public static DateTimeOffset? FromUnix(long? seconds) => seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}

namespace ProxmoxMcp.Tools.Results;

/// <summary>One usage metric over the timeframe.</summary>
/// <param name="Name">cpu, memory, disk_read, disk_write, net_in, net_out.</param>
/// <param name="Unit">%, MiB or KiB/s.</param>
/// <param name="Average">The average.</param>
/// <param name="Max">The highest sample.</param>
/// <param name="Last">The newest sample.</param>
public sealed record RrdMetric(string Name, string Unit, double Average, double Max, double Last);

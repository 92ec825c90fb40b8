namespace ProxmoxMcp.Tools.Results;

/// <summary>One usage metric over the timeframe.</summary>
public sealed record RrdMetric(string Name, string Unit, double Average, double Max, double Last);

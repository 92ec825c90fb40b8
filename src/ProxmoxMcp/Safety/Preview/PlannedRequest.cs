using ProxmoxMcp.Safety.Policy;

namespace ProxmoxMcp.Safety.Preview;

/// <summary>
/// A request a dry run would have sent, as it would have gone out (secrets included: only the preview's
/// rendering masks them), with the policy's verdict. What a person confirms, and what the real call must then match.
/// </summary>
/// <param name="Method">POST or PUT (or a refused GET).</param>
/// <param name="Path">The path under /api2/json.</param>
/// <param name="Parameters">Every parameter in order.</param>
/// <param name="Allowed">Whether the policy lets it through.</param>
/// <param name="Refusal">The policy's reason when it does not: the same text the real call fails with.</param>
/// <param name="Note">What the policy could check only once an earlier request took effect.</param>
public sealed record PlannedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Parameters, bool Allowed, string? Refusal, string? Note = null)
{
    /// <summary>
    /// Whether a request of the real call is this one: method, path and every parameter the same, in any order.
    /// What a preview cannot know matches what the real call has: a digest read only when it runs, and the time in
    /// a safety snapshot's name.
    /// </summary>
    public bool Matches(ApiRequest request)
    {
        if (!string.Equals(request.Method, Method, StringComparison.Ordinal) || !string.Equals(request.Path, Path, StringComparison.Ordinal)
            || request.Parameters.Count != Parameters.Count)
        {
            return false;
        }
        var unknownDigest = Parameters.Contains(new("digest", PreviewAnswers.UnknownDigest));
        var expected = Parameters.Select(Key).Order(StringComparer.Ordinal);
        var snapshot = Parameters.LastOrDefault(p => p.Key == "snapname").Value;
        var actual = request.Parameters.Select(p =>
            unknownDigest && p.Key == "digest" ? Key(new(p.Key, PreviewAnswers.UnknownDigest))
            : snapshot is not null && p.Key == "snapname" && Snapshots.SafetySnapshots.SameSeries(snapshot, p.Value) ? Key(new(p.Key, snapshot))
            : Key(p)).Order(StringComparer.Ordinal);
        return expected.SequenceEqual(actual, StringComparer.Ordinal);
    }

    private static string Key(KeyValuePair<string, string> parameter) => parameter.Key + "=" + parameter.Value;
}

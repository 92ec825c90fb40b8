namespace ProxmoxMcp.Sandbox.Http;

/// <summary>
/// An error answer as the real API gives it: status, message (body <c>message</c> and reason
/// phrase), and per-parameter errors for a 400.
/// </summary>
public sealed class ApiException(int status, string message, IReadOnlyDictionary<string, string>? errors = null) : Exception(message)
{
    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string>? Errors { get; } = errors;

    public static ApiException ParameterVerification(IReadOnlyDictionary<string, string> errors) =>
        new(400, "Parameter verification failed.", errors);

    public static ApiException Parameter(string name, string error) =>
        ParameterVerification(new Dictionary<string, string> { [name] = error });

    /// <summary>A 500 with the server's text, the way most failures of the real API arrive.</summary>
    public static ApiException Failed(string message) => new(500, message);
}

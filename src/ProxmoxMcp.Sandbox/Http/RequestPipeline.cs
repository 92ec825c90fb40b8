using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ProxmoxMcp.Sandbox.State;

namespace ProxmoxMcp.Sandbox.Http;

/// <summary>
/// Answers one request the way pveproxy and pvedaemon do: authentication by API token or by ticket
/// cookie, with the CSRF header on writes (401 after a delay, no body), routing (501 for an unknown path or method, or a body on GET/DELETE), parameter checks
/// (400 with an errors map), the 595 of a proxied call to an offline node, the privilege check
/// (403), then the handler; success as <c>{"data": ...}</c>, errors with the message in the body
/// and the reason phrase.
/// </summary>
internal sealed class RequestPipeline(SandboxCluster cluster, ApiRouter router, SandboxTokens tokens, SandboxLogins logins, RequestLog log, FaultInjector faults)
{
    private const string ApiPrefix = "/api2/json";

    /// <summary>The caller of an operation served without a login: no privileges at all.</summary>
    private static readonly SandboxToken Anonymous = new(string.Empty, string.Empty, string.Empty, new HashSet<string>());

    public async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var queryStart = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart >= 0 ? raw[..queryStart] : raw;
        var method = context.Request.Method.ToUpperInvariant();
        var path = rawPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? rawPath[ApiPrefix.Length..] : rawPath;
        var parameters = new List<KeyValuePair<string, string>>();
        SandboxToken? token = null;
        var status = 200;
        // Logged before the answer starts, so a caller that has its answer finds the request in the log
        // (tests compare the log before and after a call); a dropped connection is logged at the end.
        var logged = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                log.Add(new RequestRecord(method, path, parameters, status, token?.TokenId, cluster.Now));
            }
        }
        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faults.Latency, context.RequestAborted).ConfigureAwait(false);
            }
            await faults.WaitWhileHeldAsync(method, path, context.RequestAborted).ConfigureAwait(false);
            if (!rawPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal))
            {
                status = 404;
                await WriteErrorAsync(context, new ApiException(404, "Not found")).ConfigureAwait(false);
                return;
            }
            var match = router.Match(method, path);
            SandboxToken caller;
            if (match is { Operation.Anonymous: true })
            {
                caller = Anonymous;
            }
            else
            {
                var refusal = "No ticket";
                token = tokens.Authenticate(context.Request.Headers.Authorization.ToString())
                    ?? (context.Request.Headers.Authorization.Count == 0
                        ? logins.Authenticate(context.Request.Headers.Cookie.ToString(), method, context.Request.Headers["CSRFPreventionToken"].ToString() is { Length: > 0 } csrf ? csrf : null, cluster.Now, out refusal)
                        : null);
                if (token is null)
                {
                    status = 401;
                    await Task.Delay(cluster.Options.AuthFailureDelay, context.RequestAborted).ConfigureAwait(false);
                    context.Response.StatusCode = 401;
                    SetReason(context, refusal);
                    return;
                }
                caller = token;
            }
            if (faults.Take(method, path) is { } fault)
            {
                if (fault.DropConnection)
                {
                    status = 0;
                    context.Abort();
                    return;
                }
                if (fault.RawBody is not null)
                {
                    status = fault.Status;
                    context.Response.StatusCode = fault.Status;
                    if (fault.Location is not null)
                    {
                        context.Response.Headers.Location = fault.Location;
                    }
                    context.Response.ContentType = fault.ContentType;
                    await context.Response.WriteAsync(fault.RawBody, context.RequestAborted).ConfigureAwait(false);
                    return;
                }
                throw new ApiException(fault.Status, fault.Message);
            }

            if (match is not { } route)
            {
                throw new ApiException(501, $"Method '{method} {path}' not implemented");
            }
            var values = await ReadParametersAsync(context, method, queryStart >= 0 ? raw[queryStart..] : string.Empty, parameters).ConfigureAwait(false);
            foreach (var (name, value) in route.PathValues)
            {
                if (values.TryGetValue(name, out var given) && !given.SequenceEqual([value]))
                {
                    throw ApiException.Parameter(name, "parameter conflicts with the value in the URL path");
                }
                values[name] = [value];
            }
            var readOnly = values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
            ParameterValidator.Validate(route.Operation.Parameters, readOnly);
            var request = new SandboxRequest(method, path, readOnly, caller);

            object? data;
            lock (cluster.Sync)
            {
                cluster.Advance();
                faults.TakeChange(method, path)?.Invoke(cluster);
                if (route.Operation.ProxiedToNode)
                {
                    cluster.RequireNode(request.Node);
                }
                if (route.Operation.Permission?.Invoke(request) is { } permission && !permission.AnyOf.Any(caller.Has))
                {
                    throw new ApiException(403, $"Permission check failed ({permission.Path}, {string.Join(" | ", permission.AnyOf)})");
                }
                data = route.Operation.Handler(request);
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json;charset=UTF-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, object?> { ["data"] = data }, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (ApiException exception)
        {
            status = exception.Status;
            if (status == 401)
            {
                // A failed login waits as long as a refused ticket or token does.
                await Task.Delay(cluster.Options.AuthFailureDelay, context.RequestAborted).ConfigureAwait(false);
            }
            await WriteErrorAsync(context, exception).ConfigureAwait(false);
        }
        finally
        {
            Record();
        }
    }

    private static async Task<Dictionary<string, List<string>>> ReadParametersAsync(HttpContext context, string method, string query, List<KeyValuePair<string, string>> record)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string value)
        {
            // The log is for tests to read; a login's password stays out of it, as it stays out of pveproxy's.
            record.Add(new(key, key == "password" ? "(hidden)" : value));
            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }
            list.Add(value);
        }

        foreach (var (key, items) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))
        {
            foreach (var item in items)
            {
                Add(key, item ?? string.Empty);
            }
        }

        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return values;
        }
        if (method is "GET" or "DELETE")
        {
            throw new ApiException(501, $"Unexpected content for method '{method}'");
        }
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        Add(property.Name, JsonText(item));
                    }
                }
                else
                {
                    Add(property.Name, JsonText(property.Value));
                }
            }
            return values;
        }
        foreach (var (key, items) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + body))
        {
            foreach (var item in items)
            {
                Add(key, item ?? string.Empty);
            }
        }
        return values;
    }

    private static string JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => value.GetRawText(),
    };

    private static async Task WriteErrorAsync(HttpContext context, ApiException exception)
    {
        context.Response.StatusCode = exception.Status;
        SetReason(context, exception.Message);
        context.Response.ContentType = "application/json;charset=UTF-8";
        var body = new Dictionary<string, object?> { ["data"] = null, ["message"] = exception.Message + "\n" };
        if (exception.Errors is { Count: > 0 } errors)
        {
            body["errors"] = errors;
        }
        await JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The reason phrase carries the first line of the error, as older clients read it from there.</summary>
    private static void SetReason(HttpContext context, string message)
    {
        var firstLine = message.Split('\n')[0];
        var ascii = new string(firstLine.Where(c => c is >= ' ' and < (char)127).ToArray());
        if (context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = ascii;
        }
    }
}

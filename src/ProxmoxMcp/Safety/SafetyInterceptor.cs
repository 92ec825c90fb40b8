using Castle.DynamicProxy;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Wraps every <see cref="IProxmoxApi"/> handed out: applies <see cref="DestructivePolicy"/> before the
/// call proceeds, so a refused request is never built, let alone sent. Async-aware (the policy may read
/// the cluster's state first): a refusal is a faulted task of the method's own type. One concern only;
/// logging of refusals is part of it because a refusal is a security event.
/// </summary>
public sealed class SafetyInterceptor(DestructivePolicy policy, ILogger<SafetyInterceptor> logger) : AsyncInterceptorBase
{
    /// <summary>The event id of every refusal, so tests and log pipelines find them without parsing text.</summary>
    public static readonly EventId RefusalEvent = new(4001, "SafetyPolicyRefused");

    protected override async Task InterceptAsync(IInvocation invocation, IInvocationProceedInfo proceedInfo, Func<IInvocation, IInvocationProceedInfo, Task> proceed)
    {
        var (method, _, _, _) = await EnsureAllowedAsync(invocation).ConfigureAwait(false);
        if (method != "GET" && Policy.PolicyCaller.Current.Call?.Preview is not null)
        {
            throw Refuse($"{invocation.Method.Name} refused: a preview sends no change.");
        }
        var sending = proceed(invocation, proceedInfo);
        Policy.PolicyCaller.Current.Call?.Sending(sending);
        await sending.ConfigureAwait(false);
    }

    protected override async Task<TResult> InterceptAsync<TResult>(IInvocation invocation, IInvocationProceedInfo proceedInfo, Func<IInvocation, IInvocationProceedInfo, Task<TResult>> proceed)
    {
        var (method, path, parameters, decision) = await EnsureAllowedAsync(invocation).ConfigureAwait(false);
        if (method != "GET" && Policy.PolicyCaller.Current.Call is { Preview: { } preview })
        {
            // A dry run never sends a change, whatever the policy said: the request is recorded with its verdict
            // and answered with a stand-in, so the tool's own code goes on to its next step.
            preview.Record(method, path, parameters, decision);
            if (policy.CreatedGuest(method, path, parameters) is { } created)
            {
                preview.Create(created);
            }
            if (Preview.PreviewAnswers.For(method, path) is { } answer && (object)answer is TResult standIn)
            {
                return standIn;
            }
            throw new Preview.PreviewHaltedException($"what follows {method} {path} depends on its real answer");
        }
        var sending = proceed(invocation, proceedInfo);
        // The call's answer waits for every request it sent (ToolCall.AllSentEndedAsync).
        Policy.PolicyCaller.Current.Call?.Sending(sending);
        var result = await sending.ConfigureAwait(false);
        if (method != "GET")
        {
            policy.RecordSent(method, path, parameters);
            Policy.PolicyCaller.Current.Call?.RecordSent(Policy.ApiRequest.Of(method, path, parameters));
            // Worker calls answer with the task id: the call's audit line and a budget expiry name it.
            if (result is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } answer
                && answer.GetString() is { } text && text.StartsWith("UPID:", StringComparison.Ordinal))
            {
                Policy.PolicyCaller.Current.Call?.RecordTask(text);
            }
        }
        return result;
    }

    private async Task<(string Method, string Path, ProxmoxParameters? Parameters, PolicyDecision Decision)> EnsureAllowedAsync(IInvocation invocation)
    {
        // Fail closed: a member this interceptor does not know is refused, so adding a method to
        // IProxmoxApi without teaching the policy about it cannot open a hole.
        var method = invocation.Method.Name switch
        {
            nameof(IProxmoxApi.GetAsync) => "GET",
            nameof(IProxmoxApi.PostAsync) => "POST",
            nameof(IProxmoxApi.PutAsync) => "PUT",
            _ => null,
        };
        var path = invocation.Arguments.Length > 0 ? invocation.Arguments[0] as string : null;
        var parameters = invocation.Arguments.Length > 1 ? invocation.Arguments[1] as ProxmoxParameters : null;
        var cancellationToken = invocation.Arguments.Length > 2 && invocation.Arguments[2] is CancellationToken token ? token : CancellationToken.None;
        if (method is null || path is null)
        {
            var reason = $"{invocation.Method.Name} refused: not a call the safety policy knows.";
            Policy.PolicyCaller.Current.Call?.RecordRefusal(reason);
            throw Refuse(reason);
        }
        // The policy records its refusals in the call's record itself.
        var decision = await policy.EvaluateAsync(method, path, parameters, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? (method, path, parameters, decision) : throw Refuse(decision.Reason);
    }

    private SafetyRefusedException Refuse(string reason)
    {
        logger.LogWarning(RefusalEvent, "Safety policy refused a Proxmox call: {Reason}", reason);
        return new SafetyRefusedException(reason);
    }
}

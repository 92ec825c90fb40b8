using Castle.DynamicProxy;
using Microsoft.Extensions.Logging;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Wraps every <see cref="IProxmoxApi"/> handed out: applies <see cref="DestructivePolicy"/> before the
/// call proceeds, so a refused request is never built, let alone sent. Async-aware: a refusal is
/// returned as a faulted task of the method's own type. One concern only; logging of refusals is
/// part of it because a refusal is a security event.
/// </summary>
public sealed class SafetyInterceptor(DestructivePolicy policy, ILogger<SafetyInterceptor> logger) : IAsyncInterceptor
{
    public void InterceptSynchronous(IInvocation invocation)
    {
        if (Refusal(invocation) is { } refusal)
        {
            throw refusal;
        }
        invocation.Proceed();
    }

    public void InterceptAsynchronous(IInvocation invocation)
    {
        if (Refusal(invocation) is { } refusal)
        {
            invocation.ReturnValue = Task.FromException(refusal);
            return;
        }
        invocation.Proceed();
    }

    public void InterceptAsynchronous<TResult>(IInvocation invocation)
    {
        if (Refusal(invocation) is { } refusal)
        {
            invocation.ReturnValue = Task.FromException<TResult>(refusal);
            return;
        }
        invocation.Proceed();
    }

    private SafetyRefusedException? Refusal(IInvocation invocation)
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
        if (method is null || path is null)
        {
            return Refuse($"{invocation.Method.Name} refused: not a call the safety policy knows.");
        }
        var decision = policy.Evaluate(method, path, parameters);
        return decision.Allowed ? null : Refuse(decision.Reason);
    }

    private SafetyRefusedException Refuse(string reason)
    {
        logger.LogWarning("Safety policy refused a Proxmox call: {Reason}", reason);
        return new SafetyRefusedException(reason);
    }
}

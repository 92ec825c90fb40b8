using Castle.DynamicProxy;
using ProxmoxMcp.Api;

namespace ProxmoxMcp.Safety;

/// <summary>
/// Wraps an <see cref="IProxmoxApi"/> in a Castle DynamicProxy carrying the <see cref="SafetyInterceptor"/>.
/// One shared <see cref="ProxyGenerator"/>, as Castle advises: it caches the generated proxy type.
/// </summary>
public static class GuardedApiFactory
{
    private static readonly ProxyGenerator Generator = new();

    public static IProxmoxApi Wrap(IProxmoxApi target, SafetyInterceptor interceptor) =>
        Generator.CreateInterfaceProxyWithTargetInterface(target, interceptor);

    /// <summary>True when <paramref name="api"/> is a proxy whose interceptors include the safety interceptor.</summary>
    public static bool IsGuarded(IProxmoxApi api) =>
        api is IProxyTargetAccessor accessor
        && accessor.GetInterceptors().OfType<AsyncDeterminationInterceptor>().Any(i => i.AsyncInterceptor is SafetyInterceptor);
}

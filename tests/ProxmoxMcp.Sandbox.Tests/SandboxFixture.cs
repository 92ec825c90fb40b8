namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>A fresh sandbox per test class instance, so state changes never leak between tests.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    protected SandboxServer Server { get; private set; } = null!;

    protected SandboxClient Api { get; private set; } = null!;

    protected virtual SandboxOptions Options => new() { TaskDuration = TimeSpan.FromMilliseconds(100) };

    public async ValueTask InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(Options, TestContext.Current.CancellationToken);
        Api = new SandboxClient(Server);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
    }
}

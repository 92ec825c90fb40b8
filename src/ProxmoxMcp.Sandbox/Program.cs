using ProxmoxMcp.Sandbox;

// Standalone sandbox: prints where it listens and how to authenticate, then serves until SIGTERM,
// Ctrl+C, or the end of stdin when a parent process pipes it; exits 0 after a clean stop.
using var shutdown = new ShutdownSignal();
var options = SandboxOptions.ForInteractiveUse(
    Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty));
await using var server = await SandboxServer.StartAsync(options, shutdown.Token);
Console.WriteLine($"Proxmox VE sandbox listening on {server.BaseUrl}");
Console.WriteLine($"Certificate SHA-256 fingerprint: {server.CertificateFingerprint}");
Console.WriteLine("API tokens (Authorization header values):");
Console.WriteLine($"  full access:      {server.Tokens.Full.HeaderValue}");
Console.WriteLine($"  least privilege:  {server.Tokens.LeastPrivilege.HeaderValue}");
Console.WriteLine($"  read-only:        {server.Tokens.ReadOnly.HeaderValue}");
Console.WriteLine("Password logins (POST /access/ticket; tickets last 2 hours):");
Console.WriteLine($"  full access:      {server.Logins.Root.User} {server.Logins.Root.Password}");
Console.WriteLine($"  least privilege:  {server.Logins.LeastPrivilege.User} {server.Logins.LeastPrivilege.Password}");
Console.WriteLine($"  second factor:    {server.Logins.SecondFactor.User} {server.Logins.SecondFactor.Password} (its realm asks for TOTP)");
Console.WriteLine("Try:");
Console.WriteLine($"  curl -k -H 'Authorization: {server.Tokens.Full.HeaderValue}' {server.BaseUrl}cluster/resources");
Console.WriteLine("Press Ctrl+C to stop.");
shutdown.StopAtEndOfPipedStdin();
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
}
return 0;

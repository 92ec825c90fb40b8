using ProxmoxMcp.Cli;

ProxmoxMcp.Hosting.StartupTrace.Mark("main");
ProxmoxMcp.Hosting.StartupWarmUp.BeginFor(args);
return await CommandLineApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

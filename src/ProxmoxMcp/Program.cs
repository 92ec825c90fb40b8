using ProxmoxMcp.Cli;

ProxmoxMcp.Hosting.StartupTrace.Mark("main");
return await CommandLineApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

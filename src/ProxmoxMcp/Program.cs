using ProxmoxMcp.Cli;

return await CommandLineApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

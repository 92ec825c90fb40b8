using System.Globalization;

namespace ProxmoxMcp.Bench;

/// <summary>
/// dotnet run -c Release --project bench/ProxmoxMcp.Bench -- [--runs N] [--calls N] [--reuse]
/// --runs: start-ups and repeated listings (default 11); --calls: calls for the memory figure
/// (default 10,000); --reuse: keep the tools packed and installed by an earlier run.
/// </summary>
internal sealed record BenchOptions(int Runs, int Calls, bool Reuse)
{
    public static BenchOptions Parse(string[] args)
    {
        var runs = 11;
        var calls = 10_000;
        var reuse = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--calls" when i + 1 < args.Length:
                    calls = Math.Max(1000, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--reuse":
                    reuse = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}': use --runs N, --calls N, --reuse");
            }
        }
        return new BenchOptions(Math.Max(3, runs), calls, reuse);
    }
}

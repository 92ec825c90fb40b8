using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ProxmoxMcp.Hosting;

/// <summary>
/// Writes log lines to stderr, one per entry ("info: Category[id] message", then an exception's text):
/// stdout belongs to the MCP protocol. The console logger package does the same through options
/// monitors, configuration binding and a queue thread, which cost a server that an MCP client starts
/// for every conversation tens of milliseconds before it can answer; a server logs little, so a
/// synchronous write under a lock is enough.
/// </summary>
public sealed class StderrLoggerProvider(TextWriter? writer = null) : ILoggerProvider
{
    private readonly TextWriter _writer = writer ?? Console.Error;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, StderrLogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new StderrLogger(this, name));

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = new StringBuilder()
                .Append(Level(logLevel)).Append(": ").Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception).ReplaceLineEndings(" "));
            if (exception is not null)
            {
                line.Append(Environment.NewLine).Append(exception);
            }
            provider.Write(line.ToString());
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}

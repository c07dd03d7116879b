using Microsoft.Extensions.Logging;

namespace ZeebeOperator.Core.Tests.Support;

/// <summary>One log entry: what an alert on the operator's logs would match, and the message an operator reads.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message);

/// <summary>Keeps every entry logged, with its level, event id and formatted message.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<string> Messages => [.. Entries.Select(e => e.Message)];

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}

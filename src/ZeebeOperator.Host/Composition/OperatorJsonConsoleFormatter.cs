using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ZeebeOperator.Host.Composition;

/// <summary>
/// One JSON object per line with flat fields: <c>Timestamp</c>, <c>Level</c>, <c>Category</c>, <c>EventId</c>,
/// <c>Message</c>, <c>Exception</c>, then the scopes' properties (<c>Cluster</c>, <c>Node</c>) and the message's own
/// parameters. Flat, unlike the built-in JSON formatter's nested <c>State</c> and <c>Scopes</c>, so that log tools
/// (CloudWatch Logs Insights, Loki, jq) filter on <c>Cluster</c> and <c>Node</c> directly.
/// </summary>
internal sealed class OperatorJsonConsoleFormatter(IOptionsMonitor<JsonConsoleFormatterOptions> options, TimeProvider time)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "operator-json";

    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "Timestamp", "Level", "Category", "EventId", "Message", "Exception" };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && message is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, settings.JsonWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Timestamp", time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("Level", logEntry.LogLevel.ToString());
            writer.WriteString("Category", logEntry.Category);
            if (logEntry.EventId.Id != 0)
            {
                writer.WriteNumber("EventId", logEntry.EventId.Id);
            }

            writer.WriteString("Message", message);
            if (logEntry.Exception is { } exception)
            {
                writer.WriteString("Exception", exception.ToString());
            }

            foreach (var (key, value) in Fields(logEntry.State, settings.IncludeScopes ? scopeProvider : null))
            {
                WriteValue(writer, key, value);
            }

            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>Scope properties (an inner scope's value wins), then the message's parameters where no field has the name.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> Fields<TState>(TState state, IExternalScopeProvider? scopeProvider)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(string key, object? value, bool overwrite)
        {
            if (key == OriginalFormat || Reserved.Contains(key))
            {
                return;
            }

            if (fields.TryAdd(key, value))
            {
                order.Add(key);
            }
            else if (overwrite)
            {
                fields[key] = value;
            }
        }

        scopeProvider?.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    foreach (var (key, value) in properties)
                    {
                        Add(key, value, overwrite: true);
                    }
                }
            },
            (object?)null);

        if (state is IEnumerable<KeyValuePair<string, object?>> parameters)
        {
            foreach (var (key, value) in parameters)
            {
                Add(key, value, overwrite: false);
            }
        }

        return order.Select(key => new KeyValuePair<string, object?>(key, fields[key]));
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(key);
                break;
            case bool flag:
                writer.WriteBoolean(key, flag);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                writer.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                writer.WriteNumber(key, Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteString(key, span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                writer.WriteString(key, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteString(key, value.ToString());
                break;
        }
    }
}

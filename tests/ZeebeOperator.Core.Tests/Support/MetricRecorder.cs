using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Observability;

namespace ZeebeOperator.Core.Tests.Support;

internal sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public bool Has(params (string Key, string Value)[] tags) => tags.All(t => Tags.GetValueOrDefault(t.Key) == t.Value);
}

/// <summary>
/// Listens to the operator's meter of one service provider only (tests run in parallel, each with its own
/// <see cref="IMeterFactory"/>), recording every measurement.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> measurements = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<OperatorMetrics>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == OperatorMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => [.. measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of a counter's increments whose tags include <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        (long)Of(instrument).Where(m => m.Has(tags)).Sum(m => m.Value);

    /// <summary>Asks the observable instruments now and returns what <paramref name="instrument"/> reported for <paramref name="tags"/>.</summary>
    public double Observe(string instrument, params (string Key, string Value)[] tags)
    {
        var mark = measurements.Count;
        listener.RecordObservableInstruments();
        return measurements.Skip(mark).Where(m => m.Instrument == instrument && m.Has(tags)).Select(m => m.Value).Single();
    }

    public void Dispose() => listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var tagMap = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            tagMap[tag.Key] = tag.Value?.ToString();
        }

        measurements.Enqueue(new RecordedMeasurement(instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), tagMap));
    }
}

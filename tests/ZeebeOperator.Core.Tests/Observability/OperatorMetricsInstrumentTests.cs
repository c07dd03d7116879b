using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Observability;

/// <summary>Instruments as an exporter sees them: the reconcile duration's buckets, and the events counter's tags.</summary>
public sealed class OperatorMetricsInstrumentTests
{
    [Fact]
    public void Reconcile_durations_are_bucketed_from_50_milliseconds_to_a_minute()
    {
        using var provider = new ServiceCollection().AddOperatorMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        provider.GetRequiredService<OperatorMetrics>();
        IReadOnlyList<double>? boundaries = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "zeebe_operator.reconcile.duration")
                {
                    boundaries = Assert.IsType<Histogram<double>>(instrument).Advice?.HistogramBucketBoundaries;
                }
            },
        };

        listener.Start();

        Assert.Equal([0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], boundaries);
    }

    [Fact]
    public void A_message_from_the_events_queue_is_counted_by_its_kind_and_outcome()
    {
        using var provider = new ServiceCollection().AddOperatorMetrics().BuildServiceProvider();
        using var recorder = new MetricRecorder(provider);
        var metrics = provider.GetRequiredService<OperatorMetrics>();

        metrics.RecordEvent("ecs_task_state_change", "enqueued");
        metrics.RecordEvent("malformed", "malformed");

        Assert.Equal(1, recorder.Sum("zeebe_operator.events", ("kind", "ecs_task_state_change"), ("outcome", "enqueued")));
        Assert.Equal(1, recorder.Sum("zeebe_operator.events", ("kind", "malformed"), ("outcome", "malformed")));
    }
}

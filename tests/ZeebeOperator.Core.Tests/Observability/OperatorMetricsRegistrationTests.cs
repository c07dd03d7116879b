using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Reconciliation;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Observability;

/// <summary>What metering measures when it is added to a service collection that brings only a reconciler or only one optional port.</summary>
public sealed class OperatorMetricsRegistrationTests
{
    private const string Reconciles = "zeebe_operator.reconciles";

    [Fact]
    public async Task A_reconcile_cancelled_midway_counts_as_cancelled_not_as_an_error()
    {
        var inner = new Mock<IClusterReconciler>();
        inner.Setup(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        using var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(inner.Object)
            .AddOperatorMetrics()
            .BuildServiceProvider();
        using var recorder = new MetricRecorder(provider);

        await Assert.ThrowsAsync<OperationCanceledException>(() => provider.GetRequiredService<IClusterReconciler>().ReconcileAsync("orders", CancellationToken.None));

        Assert.Equal(1, recorder.Sum(Reconciles, ("cluster", "orders"), ("result", MetricOutcomes.Cancelled)));
        Assert.Equal(1, recorder.Sum(Reconciles));
        Assert.Single(recorder.Of("zeebe_operator.reconcile.duration"), d => d.Has(("result", MetricOutcomes.Cancelled)));
    }

    [Fact]
    public async Task Without_a_registered_clock_reconciles_are_still_counted_and_timed()
    {
        var inner = new Mock<IClusterReconciler>();
        inner.Setup(r => r.ReconcileAsync("orders", It.IsAny<CancellationToken>())).ReturnsAsync(new ReconcileResult(ReconcileOutcome.Converged, null));
        using var provider = new ServiceCollection().AddSingleton(inner.Object).AddOperatorMetrics().BuildServiceProvider();
        using var recorder = new MetricRecorder(provider);

        var result = await provider.GetRequiredService<IClusterReconciler>().ReconcileAsync("orders", CancellationToken.None);

        Assert.Equal(ReconcileOutcome.Converged, result.Outcome);
        Assert.Equal(1, recorder.Sum(Reconciles, ("cluster", "orders"), ("result", "converged")));
        Assert.True(Assert.Single(recorder.Of("zeebe_operator.reconcile.duration")).Value >= 0);
    }

    [Fact]
    public async Task An_optional_port_metered_on_its_own_counts_each_call_by_operation_and_outcome()
    {
        var queue = new Mock<IEventQueue>();
        queue.Setup(q => q.ReceiveAsync(10, TimeSpan.FromSeconds(20), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        queue.Setup(q => q.DeleteAsync("gone", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AwsApiException("sqs", "DeleteMessage", AwsErrorKind.NotFound, "ReceiptHandleIsInvalid", "The receipt handle is not valid."));
        using var provider = new ServiceCollection().AddImplementation(queue.Object).AddMeteredPort<IEventQueue>().BuildServiceProvider();
        using var recorder = new MetricRecorder(provider);
        var metered = provider.GetRequiredService<IEventQueue>();

        Assert.Empty(await metered.ReceiveAsync(10, TimeSpan.FromSeconds(20), CancellationToken.None));
        await Assert.ThrowsAsync<AwsApiException>(() => metered.DeleteAsync("gone", CancellationToken.None));

        Assert.Equal(1, recorder.Sum("zeebe_operator.aws.calls", ("service", "sqs"), ("operation", "ReceiveMessage"), ("outcome", "success")));
        Assert.Equal(1, recorder.Sum("zeebe_operator.aws.calls", ("service", "sqs"), ("operation", "DeleteMessage"), ("outcome", "not_found")));
    }
}

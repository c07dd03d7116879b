using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Core.Observability;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Tests.Support;

namespace ZeebeOperator.Core.Tests.Observability;

public sealed class MetricsRegistrationTests
{
    [Fact]
    public async Task A_port_registered_by_type_is_metered_once_and_still_disposed_by_the_container()
    {
        var services = new ServiceCollection().AddSingleton<ISpecStore, DisposableSpecStore>();
        services.AddOperatorMetrics();
        services.AddOperatorMetrics();
        DisposableSpecStore inner;
        using (var provider = services.BuildServiceProvider())
        {
            using var recorder = new MetricRecorder(provider);
            var store = provider.GetRequiredService<ISpecStore>();
            var innerKey = Assert.Single(services, d => d.ServiceType == typeof(ISpecStore) && d.IsKeyedService).ServiceKey!;
            inner = Assert.IsType<DisposableSpecStore>(provider.GetRequiredKeyedService<ISpecStore>(innerKey));
            Assert.NotSame(inner, store);

            await store.ListAsync(CancellationToken.None);
            await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("missing.json", CancellationToken.None));

            Assert.Equal(1, recorder.Sum("zeebe_operator.aws.calls", ("service", "s3"), ("operation", "ListObjectsV2"), ("outcome", "success")));
            Assert.Equal(1, recorder.Sum("zeebe_operator.aws.calls", ("service", "s3"), ("operation", "GetObject"), ("outcome", "not_found")));
            Assert.Equal(2, recorder.Sum("zeebe_operator.aws.calls"));
            Assert.False(inner.Disposed);
        }

        Assert.True(inner.Disposed);
    }

    private sealed class DisposableSpecStore : ISpecStore, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task<IReadOnlyList<SpecObject>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SpecObject>>([]);

        public Task<SpecContent> GetAsync(string key, CancellationToken cancellationToken) =>
            throw new AwsApiException("s3", "GetObject", AwsErrorKind.NotFound, "NoSuchKey", "The specified key does not exist.");

        public Task<string> PutAsync(string key, string body, WriteCondition condition, CancellationToken cancellationToken) => Task.FromResult("etag");

        public void Dispose() => Disposed = true;
    }
}

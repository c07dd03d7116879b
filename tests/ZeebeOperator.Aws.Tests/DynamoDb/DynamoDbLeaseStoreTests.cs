using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Aws.Tests.DynamoDb;

/// <summary>The leader lease on DynamoDB (dynalite): conditional writes decide every race.</summary>
public sealed class DynamoDbLeaseStoreTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Lease = "zeebe-operator";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Acquire_renew_and_release_are_conditional_on_holder_token_and_expiry()
    {
        var (client, options) = await NewTableAsync();
        var store = new DynamoDbLeaseStore(client, options);

        var a = await store.TryAcquireAsync(new LeaseAcquisition(Lease, "a", Now, Duration, null), default);
        Assert.Equal(new LeaseRecord(Lease, "a", 1, Now, Now, Now + Duration), a);
        Assert.Null(await store.TryAcquireAsync(new LeaseAcquisition(Lease, "b", Now, Duration, null), default));

        // Held and not expired: b cannot take it, whatever it claims to have observed.
        var observed = await store.ReadAsync(Lease, default);
        Assert.Equal(a, observed);
        Assert.Null(await store.TryAcquireAsync(new LeaseAcquisition(Lease, "b", Now.AddSeconds(14), Duration, observed), default));

        var renewed = await store.TryRenewAsync(a!, Now.AddSeconds(2), Duration, default);
        Assert.Equal(Now.AddSeconds(17), renewed!.ExpiresAt);
        Assert.Equal(1, renewed.FencingToken);

        // b read the lease before the renewal: its acquisition, judged on that stale record, is refused.
        Assert.Null(await store.TryAcquireAsync(new LeaseAcquisition(Lease, "b", Now.AddSeconds(16), Duration, observed), default));
        Assert.False(await store.ReleaseAsync(renewed with { Holder = "b" }, default));

        Assert.True(await store.ReleaseAsync(renewed, default));
        var released = await store.ReadAsync(Lease, default);
        Assert.True(released!.IsReleased);
        Assert.Null(await store.TryRenewAsync(renewed, Now.AddSeconds(3), Duration, default));

        var b = await store.TryAcquireAsync(new LeaseAcquisition(Lease, "b", Now.AddSeconds(3), Duration, released), default);
        Assert.Equal(2, b!.FencingToken);
        Assert.Null(await store.TryRenewAsync(renewed, Now.AddSeconds(4), Duration, default));

        var item = (await client.GetItemAsync(options.Value.TableName, DynamoDbLeaseStore.Key(Lease))).Item;
        Assert.Equal("LEASE#zeebe-operator", item["pk"].S);
        Assert.Equal("LEASE", item["sk"].S);
        Assert.Equal("b", item["holder"].S);
        Assert.Equal("2", item["fencingToken"].N);
        Assert.Equal(Now.AddSeconds(18).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["leaseExpiresAtMs"].N);
    }

    [Fact]
    public async Task Two_stores_racing_for_an_expired_lease_never_both_win()
    {
        var (client, options) = await NewTableAsync();
        var other = new AwsClientFactory(options, new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret")).CreateDynamoDb();
        var stores = new[] { new DynamoDbLeaseStore(client, options), new DynamoDbLeaseStore(other, options) };
        await stores[0].TryAcquireAsync(new LeaseAcquisition(Lease, "first", Now, Duration, null), default);

        var at = Now;
        var winners = new List<string>();
        for (var round = 0; round < 15; round++)
        {
            at += Duration;
            var observed = await stores[0].ReadAsync(Lease, default);
            var attempts = await Task.WhenAll(stores.Select((store, i) =>
                store.TryAcquireAsync(new LeaseAcquisition(Lease, $"instance-{i}", at, Duration, observed), default)));

            var won = Assert.Single(attempts, a => a is not null)!;
            Assert.Equal(observed!.FencingToken + 1, won.FencingToken);
            Assert.Equal(won, await stores[1].ReadAsync(Lease, default));
            winners.Add(won.Holder);
        }

        Assert.Equal(16, (await stores[0].ReadAsync(Lease, default))!.FencingToken);
    }

    [Fact]
    public async Task Two_operator_instances_on_one_table_never_lead_together_and_a_paused_one_is_fenced()
    {
        var (client, options) = await NewTableAsync();
        var time = new ManualTimeProvider(Now);
        LeaderElector Instance(string name) => new(
            new DynamoDbLeaseStore(new AwsClientFactory(options, new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret")).CreateDynamoDb(), options),
            Options.Create(new LeaderElectionOptions { Identity = name }),
            time,
            NullLogger<LeaderElector>.Instance);
        var a = Instance("a");
        var b = Instance("b");

        await a.RunOnceAsync(default);
        await b.RunOnceAsync(default);
        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);
        var aToken = a.FencingToken!.Value;

        // a does not get to renew (paused); b keeps trying every retry period and takes over once the lease expired.
        var leaders = new List<(DateTimeOffset At, int Count)>();
        for (var step = 0; step < 10; step++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            await b.RunOnceAsync(default);
            leaders.Add((time.GetUtcNow(), new[] { a, b }.Count(e => e.IsLeader)));
        }

        Assert.All(leaders, sample => Assert.True(sample.Count <= 1, $"{sample.Count} leaders at {sample.At:O}"));
        Assert.True(b.IsLeader);
        Assert.Equal(aToken + 1, b.FencingToken);
        Assert.Equal(Now.AddSeconds(16), (await new DynamoDbLeaseStore(client, options).ReadAsync(Lease, default))!.AcquiredAt);
        Assert.Throws<LeadershipLostException>(() => a.EnsureCurrent(aToken));

        await a.RunOnceAsync(default);
        Assert.False(a.IsLeader);
        Assert.Equal("b", a.Snapshot().Holder);
    }

    private Task<(IAmazonDynamoDB Client, IOptions<AwsOptions> Options)> NewTableAsync() => NewTableAsync(dynalite);

    /// <summary>A fresh operator table on dynalite, created as <c>--create-table</c> does.</summary>
    internal static async Task<(IAmazonDynamoDB Client, IOptions<AwsOptions> Options)> NewTableAsync(DynaliteFixture dynalite)
    {
        var awsOptions = Capture.Options(dynalite.Url);
        awsOptions.TableName = "zeebe-" + Guid.NewGuid().ToString("N")[..12];
        var options = Options.Create(awsOptions);
        var client = new AwsClientFactory(options, new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret")).CreateDynamoDb();
        await new TableProvisioner(client, options, TimeProvider.System, NullLogger<TableProvisioner>.Instance) { PollInterval = TimeSpan.FromMilliseconds(50) }
            .EnsureTableAsync(default);
        return (client, options);
    }
}

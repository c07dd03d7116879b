using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Simulation.Time;

namespace ZeebeOperator.Aws.Tests.DynamoDb;

/// <summary>Waiting for a new table to become ACTIVE, on a manual clock.</summary>
public sealed class TableProvisionerTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly Mock<IAmazonDynamoDB> _dynamoDb = new();
    private readonly Queue<TableStatus> _statuses = new();

    public TableProvisionerTests()
    {
        _dynamoDb.Setup(d => d.CreateTableAsync(It.IsAny<CreateTableRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CreateTableResponse());
        _dynamoDb.Setup(d => d.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new DescribeTableResponse
            {
                Table = new TableDescription { TableName = "zeebe-operator", TableStatus = _statuses.Count > 1 ? _statuses.Dequeue() : _statuses.Peek() },
            });
        _dynamoDb.Setup(d => d.UpdateTimeToLiveAsync(It.IsAny<UpdateTimeToLiveRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UpdateTimeToLiveResponse());
    }

    [Fact]
    public async Task Polls_every_interval_until_the_table_is_ACTIVE_then_enables_ttl()
    {
        _statuses.Enqueue(TableStatus.CREATING);
        _statuses.Enqueue(TableStatus.CREATING);
        _statuses.Enqueue(TableStatus.ACTIVE);

        var ensure = Provisioner().EnsureTableAsync(default);
        await AdvanceWhileWaitingAsync(ensure, TimeSpan.FromSeconds(2));
        var result = await ensure;

        Assert.True(result.Created);
        Assert.True(result.TimeToLiveEnabled);
        Assert.Equal(TimeSpan.FromSeconds(4), _clock.GetUtcNow() - _clock.Start);
        _dynamoDb.Verify(d => d.DescribeTableAsync("zeebe-operator", It.IsAny<CancellationToken>()), Times.Exactly(3));
        _dynamoDb.Verify(d => d.UpdateTimeToLiveAsync(
            It.Is<UpdateTimeToLiveRequest>(r => r.TimeToLiveSpecification.AttributeName == "expiresAt" && r.TimeToLiveSpecification.Enabled == true),
            It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Gives_up_after_the_activation_timeout()
    {
        _statuses.Enqueue(TableStatus.CREATING);

        var ensure = Provisioner().EnsureTableAsync(default);
        await AdvanceWhileWaitingAsync(ensure, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TableNotActiveException>(() => ensure);
        Assert.Equal("The table 'zeebe-operator' is still CREATING after 00:01:00.", error.Message);
        _dynamoDb.Verify(d => d.UpdateTimeToLiveAsync(It.IsAny<UpdateTimeToLiveRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private TableProvisioner Provisioner() =>
        new(_dynamoDb.Object, Options.Create(new AwsOptions { SpecBucket = "b" }), _clock, NullLogger<TableProvisioner>.Instance)
        {
            PollInterval = TimeSpan.FromSeconds(2),
            ActivationTimeout = TimeSpan.FromMinutes(1),
        };

    /// <summary>Moves the clock one poll interval each time the provisioner sleeps, until it is done.</summary>
    private async Task AdvanceWhileWaitingAsync(Task work, TimeSpan step)
    {
        while (!work.IsCompleted)
        {
            if (_clock.ActiveTimerCount > 0)
            {
                _clock.Advance(step);
            }

            await Task.Yield();
        }
    }
}

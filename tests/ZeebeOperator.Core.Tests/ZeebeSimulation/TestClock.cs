namespace ZeebeOperator.Core.Tests.ZeebeSimulation;

/// <summary>A manual clock: time moves only when the test says so.</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>Where the tests' manual clocks start, and how long a test waits for a background loop before failing.</summary>
internal static class TestTime
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);
}

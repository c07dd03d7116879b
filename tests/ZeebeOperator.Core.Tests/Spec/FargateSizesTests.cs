using ZeebeOperator.Core.Spec.Validation;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// The task sizes Fargate accepts, as AWS documents them (Amazon ECS developer guide, "Task CPU and memory"):
/// memory in MiB for each CPU value.
/// </summary>
public sealed class FargateSizesTests
{
    public static TheoryData<int, int[]> MemoryByCpu => new()
    {
        { 256, [512, 1024, 2048] },
        { 512, [1024, 2048, 3072, 4096] },
        { 1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192] },
        { 2048, Every(1024, 4096, 16384) },
        { 4096, Every(1024, 8192, 30720) },
        { 8192, Every(4096, 16384, 61440) },
        { 16384, Every(8192, 32768, 122880) },
    };

    [Theory]
    [MemberData(nameof(MemoryByCpu))]
    public void A_cpu_size_allows_exactly_the_memory_sizes_AWS_lists(int cpu, int[] memory)
    {
        var allowed = FargateSizes.MemoryFor(cpu)!;

        Assert.Equal(memory, allowed.Values);
        Assert.All(memory, size => Assert.True(allowed.Allows(size)));
        Assert.False(allowed.Allows(memory[0] - 1024));
        Assert.False(allowed.Allows(memory[^1] + 1024));
    }

    [Fact]
    public void The_cpu_sizes_are_the_seven_AWS_lists() =>
        Assert.Equal([256, 512, 1024, 2048, 4096, 8192, 16384], FargateSizes.CpuValues);

    [Theory]
    [InlineData(512, 3072, true)]
    [InlineData(512, 5120, false)]
    [InlineData(1024, 9216, false)]
    [InlineData(4096, 31744, false)]
    [InlineData(8192, 20480, true)]
    [InlineData(8192, 65536, false)]
    [InlineData(16384, 40960, true)]
    [InlineData(16384, 131072, false)]
    public void A_spec_is_held_to_the_memory_sizes_of_its_cpu(int cpu, int memory, bool valid)
    {
        var result = SpecJson.Create().Set("spec.resources.cpu", cpu).Set("spec.resources.memory", memory).Parse();

        if (valid)
        {
            SpecAssert.Valid(result);
        }
        else
        {
            SpecAssert.SingleError(result, "spec.resources.memory", $"for cpu {cpu}");
        }
    }

    private static int[] Every(int step, int from, int to) => [.. Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step))];
}

namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>The CPU and memory pairs Fargate accepts for a task.</summary>
internal static class FargateSizes
{
    private static readonly SortedDictionary<int, MemoryRange> MemoryByCpu = new()
    {
        [256] = new MemoryRange([512, 1024, 2048]),
        [512] = MemoryRange.Stepped(1024, 4096, 1024),
        [1024] = MemoryRange.Stepped(2048, 8192, 1024),
        [2048] = MemoryRange.Stepped(4096, 16384, 1024),
        [4096] = MemoryRange.Stepped(8192, 30720, 1024),
        [8192] = MemoryRange.Stepped(16384, 61440, 4096),
        [16384] = MemoryRange.Stepped(32768, 122880, 8192),
    };

    public static IReadOnlyCollection<int> CpuValues => MemoryByCpu.Keys;

    public static MemoryRange? MemoryFor(int cpu) => MemoryByCpu.GetValueOrDefault(cpu);

    public sealed record MemoryRange(IReadOnlyList<int> Values, string? Description = null)
    {
        public static MemoryRange Stepped(int from, int to, int step) =>
            new(
                Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step)).ToArray(),
                $"{from} to {to} in steps of {step}");

        public bool Allows(int memory) => Values.Contains(memory);

        public override string ToString() => Description ?? $"one of {string.Join(", ", Values)}";
    }
}

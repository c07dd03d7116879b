namespace ZeebeOperator.Core.Spec.Validation;

internal static class ResourceRules
{
    public const int MinEc2Cpu = 128;
    public const int MinEc2Memory = 512;

    private static readonly string CpuPath = SpecPath.Of(d => d.Spec.Resources.Cpu);
    private static readonly string MemoryPath = SpecPath.Of(d => d.Spec.Resources.Memory);

    public static void Check(ResourceRequirements resources, PlacementSpec placement, ICollection<SpecError> errors)
    {
        var cpuIsPositive = resources.Cpu > 0;
        var memoryIsPositive = resources.Memory > 0;
        if (!cpuIsPositive)
        {
            errors.Add(CpuPath, "must be a positive number of CPU units (1024 = 1 vCPU)");
        }

        if (!memoryIsPositive)
        {
            errors.Add(MemoryPath, "must be a positive number of MiB");
        }

        if (!cpuIsPositive || !memoryIsPositive)
        {
            return;
        }

        if (RunsOnFargate(placement))
        {
            CheckFargatePair(resources, errors);
        }
        else
        {
            CheckEc2Minimums(resources, errors);
        }
    }

    public static bool RunsOnFargate(PlacementSpec placement) =>
        placement.CapacityProvider is null
            ? placement.LaunchType == LaunchType.Fargate
            : placement.CapacityProvider is "FARGATE" or "FARGATE_SPOT";

    private static void CheckFargatePair(ResourceRequirements resources, ICollection<SpecError> errors)
    {
        if (FargateSizes.MemoryFor(resources.Cpu) is not { } memory)
        {
            errors.Add(CpuPath, $"must be one of {string.Join(", ", FargateSizes.CpuValues)} on Fargate");
        }
        else if (!memory.Allows(resources.Memory))
        {
            errors.Add(MemoryPath, $"must be {memory} for cpu {resources.Cpu} on Fargate");
        }
    }

    private static void CheckEc2Minimums(ResourceRequirements resources, ICollection<SpecError> errors)
    {
        if (resources.Cpu < MinEc2Cpu)
        {
            errors.Add(CpuPath, $"must be at least {MinEc2Cpu} CPU units");
        }

        if (resources.Memory < MinEc2Memory)
        {
            errors.Add(MemoryPath, $"must be at least {MinEc2Memory} MiB");
        }
    }
}

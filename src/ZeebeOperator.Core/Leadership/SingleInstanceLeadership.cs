using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Core.Leadership;

/// <summary>Leader election off: one instance that always acts, with fencing token 0.</summary>
public sealed class SingleInstanceLeadership(string identity, TimeProvider time) : ILeadership, IFencingTokenSource
{
    private static readonly LeadershipTerm Forever = new(0, CancellationToken.None);

    public bool IsLeader => true;

    public long? FencingToken => 0;

    public long CurrentToken => 0;

    public void EnsureCurrent(long token)
    {
    }

    /// <summary>No lease: status writes are the plain conditional write.</summary>
    public LeaseFence? FenceFor(long token) => null;

    public LeadershipSnapshot Snapshot() => new(identity, LeadershipRole.Unelected, true, 0, identity, null, time.GetUtcNow());

    public Task<LeadershipTerm> WaitForLeadershipAsync(CancellationToken cancellationToken) => Task.FromResult(Forever);
}

public static class SingleInstanceLeadershipRegistration
{
    /// <summary>
    /// Unless leadership is registered already: one instance that always leads with fencing token 0, as both
    /// <see cref="ILeadership"/> and <see cref="IFencingTokenSource"/>.
    /// </summary>
    public static IServiceCollection TryAddSingleInstanceLeadership(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SingleInstanceLeadership(Environment.MachineName, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<ILeadership>(sp => sp.GetRequiredService<SingleInstanceLeadership>());
        services.TryAddSingleton<IFencingTokenSource>(sp => sp.GetRequiredService<SingleInstanceLeadership>());
        return services;
    }
}

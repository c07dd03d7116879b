using Microsoft.Extensions.Options;

namespace ZeebeOperator.Core.Leadership;

/// <summary>Checks the <c>LeaderElection</c> section on start and names every bad key at once.</summary>
[OptionsValidator]
public sealed partial class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>;

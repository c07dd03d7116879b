using System.Globalization;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation.Infrastructure;

namespace ZeebeOperator.Simulation.Ec2;

/// <summary>
/// Amazon EC2's instances in memory, for what the operator reads of them (DescribeInstances): an id, a state and the
/// primary private address, which the instance keeps until it is terminated. As EC2 does, <c>InstanceIds</c> fails the
/// whole call with <c>InvalidInstanceID.NotFound</c> when one id does not exist (<c>InvalidInstanceID.Malformed</c>
/// when it is not an instance id) and cannot be combined with <c>MaxResults</c>; the <c>instance-id</c> filter leaves
/// unknown ids out, takes at most 200 values and pages.
/// </summary>
public sealed partial class SimulatedEc2 : IEc2Api
{
    public const int MaxFilterValues = 200;
    private const string Service = AwsServices.Ec2;
    private const string Operation = "DescribeInstances";

    private readonly Lock _gate = new();
    private readonly SimulationContext _context;
    private readonly List<Ec2Instance> _instances = [];

    public SimulatedEc2(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Launches an instance: running, with the next private address of the VPC.</summary>
    public Ec2Instance LaunchInstance()
    {
        var instance = new Ec2Instance(_context.Ids.Ec2InstanceId(), "running", _context.Ids.PrivateIp());
        lock (_gate)
        {
            _instances.Add(instance);
        }

        return instance;
    }

    /// <summary>Terminates an instance: it is still described, as <c>terminated</c> and without an address.</summary>
    public bool TerminateInstance(string instanceId)
    {
        lock (_gate)
        {
            var index = _instances.FindIndex(i => i.InstanceId == instanceId);
            if (index < 0 || _instances[index].State == "terminated")
            {
                return false;
            }

            _instances[index] = _instances[index] with { State = "terminated", PrivateIpAddress = null };
            return true;
        }
    }

    /// <summary>The instance, read without going through the API.</summary>
    public Ec2Instance? Find(string instanceId)
    {
        lock (_gate)
        {
            return _instances.Find(i => i.InstanceId == instanceId);
        }
    }

    public Task<Ec2InstancePage> DescribeInstancesAsync(Ec2InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _context.InvokeAsync(Service, Operation, mutating: false, () => Describe(query), cancellationToken);
    }

    private Ec2InstancePage Describe(Ec2InstanceQuery query)
    {
        var ids = query.InstanceIds ?? [];
        var filter = query.InstanceIdFilter;
        if (ids.Count > 0 && query.MaxResults is not null)
        {
            throw Error("InvalidParameterCombination", AwsErrorKind.InvalidParameter, "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        if (query.MaxResults is { } max && max is < 5 or > 1000)
        {
            throw Error("InvalidParameterValue", AwsErrorKind.InvalidParameter, string.Create(CultureInfo.InvariantCulture, $"Value ( {max} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000."));
        }

        if (filter is { Count: > MaxFilterValues })
        {
            throw Error("FilterLimitExceeded", AwsErrorKind.InvalidParameter, $"The maximum number of filter values specified on a single call is {MaxFilterValues}");
        }

        if (ids.FirstOrDefault(id => !InstanceIdPattern().IsMatch(id)) is { } malformed)
        {
            throw Error("InvalidInstanceID.Malformed", AwsErrorKind.InvalidParameter, $"Invalid id: \"{malformed}\"");
        }

        List<Ec2Instance> matching;
        lock (_gate)
        {
            var missing = ids.Where(id => !_instances.Exists(i => i.InstanceId == id)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw Error("InvalidInstanceID.NotFound", AwsErrorKind.NotFound, missing.Count == 1
                    ? $"The instance ID '{missing[0]}' does not exist"
                    : $"The instance IDs '{string.Join(", ", missing)}' do not exist");
            }

            matching = [.. _instances.Where(i => (ids.Count == 0 || ids.Contains(i.InstanceId)) && (filter is null || filter.Contains(i.InstanceId)))];
        }

        var start = 0;
        if (query.NextToken is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > matching.Count))
        {
            throw Error("InvalidParameterValue", AwsErrorKind.InvalidParameter, "Invalid value for parameter NextToken");
        }

        var size = query.MaxResults ?? matching.Count;
        var page = matching.Skip(start).Take(size).ToList();
        var next = start + page.Count < matching.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new Ec2InstancePage(page, next);
    }

    private static AwsApiException Error(string code, AwsErrorKind kind, string message) => AwsErrors.Create(Service, Operation, kind, code, message);

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceIdPattern();
}

using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Resources;
using ZeebeOperator.Simulation;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class SimulatedServiceDiscoveryTests
{
    private const string NamespaceId = "ns-abcdefgh12345678";

    private static CancellationToken Ct => CancellationToken.None;

    private static CreateDiscoveryServiceRequest Request(string name, string requestId = "req-1") =>
        new(requestId, name, NamespaceId, 10, "broker", new Dictionary<string, string> { [TagKeys.ManagedBy] = TagKeys.ManagedByValue });

    [Fact]
    public async Task Create_is_idempotent_by_creator_request_id_and_names_are_unique_per_namespace()
    {
        var sim = new SimulationFixture();
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");

        var created = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0"), Ct);
        var retried = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0"), Ct);
        var duplicate = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0", "req-2"), Ct));

        Assert.Matches("^srv-[0-9a-z]{16}$", created.Id);
        Assert.Equal($"arn:aws:servicediscovery:us-east-1:000000000000:service/{created.Id}", created.Arn);
        Assert.Equal(created, retried);
        Assert.Equal((AwsErrorKind.AlreadyExists, "ServiceAlreadyExists"), (duplicate.Kind, duplicate.ErrorCode));
        Assert.Single(await sim.Aws.ServiceDiscovery.ListServicesAsync(NamespaceId, Ct));
        Assert.Equal(created, await sim.Aws.ServiceDiscovery.GetServiceAsync(created.Id, Ct));
        Assert.Equal(TagKeys.ManagedByValue, (await sim.Aws.ServiceDiscovery.ListTagsForResourceAsync(created.Arn, Ct))[TagKeys.ManagedBy]);
    }

    [Fact]
    public async Task A_repeated_creator_request_id_returns_the_deleted_service_and_creates_nothing()
    {
        var sim = new SimulationFixture();
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        var created = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0"), Ct);
        await sim.Aws.ServiceDiscovery.DeleteServiceAsync(created.Id, Ct);
        sim.Advance(TimeSpan.FromHours(1));

        var repeated = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0"), Ct);
        var otherParameters = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-1"), Ct));
        var gone = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.GetServiceAsync(repeated.Id, Ct));

        Assert.Equal(created, repeated);
        Assert.Empty(await sim.Aws.ServiceDiscovery.ListServicesAsync(NamespaceId, Ct));
        Assert.Equal((AwsErrorKind.AlreadyExists, "ServiceAlreadyExists"), (otherParameters.Kind, otherParameters.ErrorCode));
        Assert.Equal((AwsErrorKind.NotFound, "ServiceNotFound"), (gone.Kind, gone.ErrorCode));

        var fresh = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0", "req-2"), Ct);
        Assert.NotEqual(created.Id, fresh.Id);
    }

    [Fact]
    public async Task Strict_mode_refuses_unknown_namespaces_and_missing_services()
    {
        var sim = new SimulationFixture(new SimulationOptions { AutoCreateInfrastructure = false });

        var noNamespace = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("a"), Ct));
        var noService = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.GetServiceAsync("srv-0000000000000000", Ct));

        Assert.Equal((AwsErrorKind.NotFound, "NamespaceNotFound"), (noNamespace.Kind, noNamespace.ErrorCode));
        Assert.Equal((AwsErrorKind.NotFound, "ServiceNotFound"), (noService.Kind, noService.ErrorCode));
    }

    [Fact]
    public async Task A_running_task_registers_its_ip_and_a_stopped_one_leaves_the_dns()
    {
        var sim = new SimulationFixture();
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        var registry = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-broker-0"), Ct);
        var td = await sim.RegisterAsync("orders-broker-0");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("orders-broker-0", td.Arn, registries: [new ServiceRegistry(registry.Arn)]), Ct);

        Assert.Empty(sim.Aws.ServiceDiscovery.ResolveDns("orders-broker-0.zeebe.internal"));
        sim.AdvanceSeconds(20);

        var task = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        var instance = Assert.Single(sim.Aws.ServiceDiscovery.ListInstances(registry.Id));
        Assert.Equal(task.TaskArn.Split('/')[^1], instance.InstanceId);
        Assert.Equal(task.PrivateIpv4Address, instance.Attributes["AWS_INSTANCE_IPV4"]);
        Assert.Equal([task.PrivateIpv4Address!], sim.Aws.ServiceDiscovery.ResolveDns("orders-broker-0.zeebe.internal"));
        Assert.Empty(sim.Aws.ServiceDiscovery.ResolveDns("orders-broker-1.zeebe.internal"));

        sim.Aws.Ecs.StopTask(SimulationFixture.Cluster, task.TaskArn);
        Assert.Empty(sim.Aws.ServiceDiscovery.ResolveDns("orders-broker-0.zeebe.internal"));

        sim.AdvanceSeconds(25);
        var replacement = Assert.Single(await sim.LiveTasksAsync("orders-broker-0"));
        Assert.Equal([replacement.PrivateIpv4Address!], sim.Aws.ServiceDiscovery.ResolveDns("orders-broker-0.zeebe.internal"));
    }

    [Fact]
    public async Task A_discovery_service_cannot_be_deleted_while_ecs_keeps_instances_in_it()
    {
        var sim = new SimulationFixture();
        var registry = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("b0"), Ct);
        var td = await sim.RegisterAsync("b0");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("b0", td.Arn, registries: [new ServiceRegistry(registry.Arn)]), Ct);
        sim.AdvanceSeconds(20);

        var inUse = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.DeleteServiceAsync(registry.Id, Ct));
        Assert.Equal((AwsErrorKind.Conflict, "ResourceInUse"), (inUse.Kind, inUse.ErrorCode));

        await sim.Aws.Ecs.DeleteServiceAsync(SimulationFixture.Cluster, "b0", force: true, Ct);
        await sim.Aws.ServiceDiscovery.DeleteServiceAsync(registry.Id, Ct);
        Assert.Empty(await sim.Aws.ServiceDiscovery.ListServicesAsync(NamespaceId, Ct));
    }

    [Fact]
    public async Task Auto_created_namespaces_resolve_by_the_first_label()
    {
        var sim = new SimulationFixture();
        var registry = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("b1"), Ct);
        var td = await sim.RegisterAsync("b1");
        await sim.Aws.Ecs.CreateServiceAsync(SimulationFixture.Service("b1", td.Arn, registries: [new ServiceRegistry(registry.Arn)]), Ct);
        sim.AdvanceSeconds(20);

        Assert.Single(sim.Aws.ServiceDiscovery.ResolveDns("b1.anything.internal"));
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        Assert.Empty(sim.Aws.ServiceDiscovery.ResolveDns("b1.anything.internal"));
        Assert.Single(sim.Aws.ServiceDiscovery.ResolveDns("b1.zeebe.internal."));
    }

    [Fact]
    public async Task Ecs_refuses_a_registry_that_does_not_exist()
    {
        var sim = new SimulationFixture();
        var td = await sim.RegisterAsync("b0");

        var error = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.Ecs.CreateServiceAsync(
            SimulationFixture.Service("b0", td.Arn, registries: [new ServiceRegistry("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0000000000000000")]),
            Ct));

        Assert.Equal(AwsErrorKind.InvalidParameter, error.Kind);
    }

    [Fact]
    public async Task Register_and_deregister_are_asynchronous_operations_that_show_only_when_they_complete()
    {
        var sim = new SimulationFixture();
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        var service = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-gateway"), Ct);
        var attributes = new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.0.4" };

        var registering = await sim.Aws.ServiceDiscovery.RegisterInstanceAsync(new RegisterInstanceRequest(service.Id, "node-0", "r-1", attributes), Ct);

        Assert.Equal(("REGISTER_INSTANCE", "SUBMITTED"), await TypeAndStatusAsync(sim, registering));
        Assert.Empty(await sim.Aws.ServiceDiscovery.ListInstancesAsync(service.Id, Ct));
        Assert.Empty(sim.Aws.ServiceDiscovery.ResolveDns("orders-gateway.zeebe.internal"));
        var notYet = await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.DeregisterInstanceAsync(service.Id, "node-0", Ct));
        Assert.Equal("InstanceNotFound", notYet.ErrorCode);
        sim.AdvanceSeconds(1);
        Assert.Equal(("REGISTER_INSTANCE", "PENDING"), await TypeAndStatusAsync(sim, registering));
        sim.AdvanceSeconds(2);
        Assert.Equal(("REGISTER_INSTANCE", "SUCCESS"), await TypeAndStatusAsync(sim, registering));
        Assert.Equal(["10.0.0.4"], sim.Aws.ServiceDiscovery.ResolveDns("orders-gateway.zeebe.internal"));

        var deregistering = await sim.Aws.ServiceDiscovery.DeregisterInstanceAsync(service.Id, "node-0", Ct);
        Assert.Single(await sim.Aws.ServiceDiscovery.ListInstancesAsync(service.Id, Ct));
        sim.AdvanceSeconds(3);
        Assert.Equal(("DEREGISTER_INSTANCE", "SUCCESS"), await TypeAndStatusAsync(sim, deregistering));
        Assert.Empty(await sim.Aws.ServiceDiscovery.ListInstancesAsync(service.Id, Ct));
        var operation = await sim.Aws.ServiceDiscovery.GetOperationAsync(deregistering, Ct);
        Assert.Equal((service.Id, "node-0"), (operation.Targets["SERVICE"], operation.Targets["INSTANCE"]));
        Assert.Equal("OperationNotFound", (await Assert.ThrowsAsync<AwsApiException>(() => sim.Aws.ServiceDiscovery.GetOperationAsync("nope", Ct))).ErrorCode);
    }

    [Fact]
    public async Task A_deregistration_whose_instance_went_meanwhile_fails_and_without_a_delay_both_apply_at_once()
    {
        var sim = new SimulationFixture(new SimulationOptions { DiscoveryOperationDelay = TimeSpan.Zero });
        sim.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        var service = await sim.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-gateway"), Ct);
        var registered = await sim.Aws.ServiceDiscovery.RegisterInstanceAsync(
            new RegisterInstanceRequest(service.Id, "node-0", "r-1", new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.0.4" }), Ct);
        Assert.Equal(("REGISTER_INSTANCE", "SUCCESS"), await TypeAndStatusAsync(sim, registered));
        Assert.Single(await sim.Aws.ServiceDiscovery.ListInstancesAsync(service.Id, Ct));

        var delayed = new SimulationFixture();
        delayed.Aws.AddNamespace(NamespaceId, "zeebe.internal");
        var other = await delayed.Aws.ServiceDiscovery.CreateServiceAsync(Request("orders-gateway"), Ct);
        await delayed.Aws.ServiceDiscovery.RegisterInstanceAsync(
            new RegisterInstanceRequest(other.Id, "node-0", "r-1", new Dictionary<string, string> { [ServiceInstance.Ipv4Attribute] = "10.0.0.4" }), Ct);
        delayed.AdvanceSeconds(3);
        var first = await delayed.Aws.ServiceDiscovery.DeregisterInstanceAsync(other.Id, "node-0", Ct);
        var second = await delayed.Aws.ServiceDiscovery.DeregisterInstanceAsync(other.Id, "node-0", Ct);
        delayed.AdvanceSeconds(3);

        Assert.Equal("SUCCESS", (await delayed.Aws.ServiceDiscovery.GetOperationAsync(first, Ct)).Status);
        Assert.Equal("FAIL", (await delayed.Aws.ServiceDiscovery.GetOperationAsync(second, Ct)).Status);
    }

    private static async Task<(string Type, string Status)> TypeAndStatusAsync(SimulationFixture sim, string operationId)
    {
        var operation = await sim.Aws.ServiceDiscovery.GetOperationAsync(operationId, Ct);
        return (operation.Type, operation.Status);
    }
}

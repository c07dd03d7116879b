using ZeebeOperator.Host.Cli;

return await OperatorCli.InvokeAsync(args, CliEnvironment.CreateDefault());

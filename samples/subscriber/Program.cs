using ZeebeOperator.Samples.Subscriber;

await using var app = SubscriberApp.Create(args);
await app.RunAsync();

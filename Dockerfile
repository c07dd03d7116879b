# syntax=docker/dockerfile:1
# The operator's container image. Restore is its own layer, so code changes do not re-download packages.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ZeebeOperator.Core/ZeebeOperator.Core.csproj src/ZeebeOperator.Core/
COPY src/ZeebeOperator.Simulation/ZeebeOperator.Simulation.csproj src/ZeebeOperator.Simulation/
COPY src/ZeebeOperator.Aws/ZeebeOperator.Aws.csproj src/ZeebeOperator.Aws/
COPY src/ZeebeOperator.Zeebe/ZeebeOperator.Zeebe.csproj src/ZeebeOperator.Zeebe/
COPY src/ZeebeOperator.Host/ZeebeOperator.Host.csproj src/ZeebeOperator.Host/
RUN dotnet restore src/ZeebeOperator.Host/ZeebeOperator.Host.csproj
COPY src/ src/
RUN dotnet publish src/ZeebeOperator.Host/ZeebeOperator.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The .NET images ship a non-root "app" user (uid 1654).
USER app
ENV DOTNET_NOLOGO=1 Logging__Format=json
ENTRYPOINT ["dotnet", "zeebe-operator.dll"]
CMD ["run"]

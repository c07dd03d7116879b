# syntax=docker/dockerfile:1
# The operator's container image: docker build -t zeebe-operator .

# --- build: the .NET SDK restores, then publishes the host ---------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore sees only what decides the package graph, so this layer stays cached until a project file or a
# package version changes.
COPY global.json Directory.Build.props Directory.Packages.props Operator.sln ./
COPY src/ZeebeOperator.Core/ZeebeOperator.Core.csproj src/ZeebeOperator.Core/
COPY src/ZeebeOperator.Simulation/ZeebeOperator.Simulation.csproj src/ZeebeOperator.Simulation/
COPY src/ZeebeOperator.Aws/ZeebeOperator.Aws.csproj src/ZeebeOperator.Aws/
COPY src/ZeebeOperator.Zeebe/ZeebeOperator.Zeebe.csproj src/ZeebeOperator.Zeebe/
COPY src/ZeebeOperator.Host/ZeebeOperator.Host.csproj src/ZeebeOperator.Host/
RUN dotnet restore src/ZeebeOperator.Host/ZeebeOperator.Host.csproj

# .editorconfig sets analyzer severities, and warnings are errors: the build needs it.
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/ZeebeOperator.Host/ZeebeOperator.Host.csproj -c Release -o /app --no-restore

# --- runtime: ASP.NET Core runtime (Kestrel serves /healthz and /readyz), no SDK -----------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The base image listens on 8080 through ASPNETCORE_HTTP_PORTS; only the health port may listen.
# Health__Port is the operator's Health:Port key, and the health check below reads the same variable.
ENV ASPNETCORE_HTTP_PORTS="" \
    DOTNET_NOLOGO=1 \
    Health__Port=8081 \
    Logging__Format=json
EXPOSE 8081

# The .NET images ship a non-root user; APP_UID is its uid (1654).
USER $APP_UID

# The image has no curl: bash's /dev/tcp sends the request, and only a 200 status line counts as healthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${Health__Port:-8081} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ $status == 'HTTP/1.1 200'* ]]"]

ENTRYPOINT ["./zeebe-operator"]
CMD ["run"]

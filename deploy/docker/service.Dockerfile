# syntax=docker/dockerfile:1
# One image recipe for every service; the project is a build argument:
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg PROJECT=services/Inquiry/Inquiry.Api/Inquiry.Api.csproj \
#     --build-arg ASSEMBLY=SupportPlatform.Inquiry.Api -t supportplatform/inquiry .
# (build context = repository root; deploy/compose.yaml passes both arguments per service).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
# Only what a service build reads: central props, the shared defaults and the services themselves.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY ServiceDefaults/ ServiceDefaults/
COPY services/ services/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    test -n "$PROJECT" && test -f "$PROJECT" \
    && dotnet publish "$PROJECT" -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG ASSEMBLY
# The GC and JIT settings (workstation GC, no tiered PGO: < 250 MB RSS per pod; replicas give the
# throughput) come with the build, from services/Directory.Build.props into each runtimeconfig.json.
ENV SERVICE_ASSEMBLY=${ASSEMBLY} \
    ASPNETCORE_HTTP_PORTS=8080
WORKDIR /app
COPY --from=build /app ./
# The image's built-in unprivileged user (uid 1654); Kubernetes checks it with runAsNonRoot.
USER app
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"/app/${SERVICE_ASSEMBLY}.dll\""]

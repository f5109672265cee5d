# syntax=docker/dockerfile:1
# The admin API and dashboard (src/AdminApi). Build context: the repository root. The SDK image must satisfy
# global.json (10.0.401 or a later 10.0 band): `docker compose build --pull` if a cached sdk:10.0 is older.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# The project's build bundles the dashboard (npm ci + esbuild, ClientApp/), so the SDK stage needs Node.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Cache mounts keep NuGet and npm downloads between builds (NuGet locked: the silo image may restore into it too).
RUN --mount=type=cache,id=billforu-nuget,target=/root/.nuget/packages,sharing=locked \
    --mount=type=cache,id=billforu-npm,target=/root/.npm \
    dotnet publish src/AdminApi/AdminApi.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# The aspnet image makes Kestrel listen on every address at 8080 (ASPNETCORE_HTTP_PORTS).
EXPOSE 8080
ENTRYPOINT ["dotnet", "BillForU.AdminApi.dll"]

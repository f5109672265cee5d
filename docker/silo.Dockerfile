# syntax=docker/dockerfile:1
# The silo (src/Silo): `serve` runs a cluster member until stopped; with no command it seeds and settles a month.
# Build context: the repository root. The SDK image must satisfy global.json (10.0.401 or a later 10.0 band):
# `docker compose build --pull` if a cached sdk:10.0 is older.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# The silo's run command serves the admin dashboard too (src/Admin), whose build bundles it with npm: the SDK stage needs Node.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# A cache mount keeps NuGet packages between builds (locked: the admin API image may restore into it at the same time).
RUN --mount=type=cache,id=billforu-nuget,target=/root/.nuget/packages,sharing=locked \
    dotnet publish src/Silo/Silo.csproj -c Release -o /app -p:UseAppHost=false

# ASP.NET Core's runtime: the Orleans dashboard's collectors and the run command's admin API are web code.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# Orleans silo-to-silo and gateway ports (BillForU:Orleans:SiloPort, GatewayPort).
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "BillForU.Silo.dll"]
CMD ["serve"]

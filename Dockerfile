# sonic serve in a container: Debian's packages only (the same as scripts/setup), the binary and
# nothing else, a non-root user, /ping as the health check.
#
#   docker build -t sonic .
#   docker run -d -p 8765:8765 -v ~/.local/share/sonic:/data -e SONIC_SERVE_TOKEN=… sonic
#
# The container listens on 0.0.0.0, so it refuses to start without a token (SONIC_SERVE_TOKEN,
# or --token-file on a mounted 0600 file). The home (/data) holds the store and models/.
FROM debian:bookworm-slim AS build
COPY . /src
WORKDIR /src
RUN scripts/setup --only-sonic && strip build/release/sonic

FROM debian:bookworm-slim
# The libraries the binary links, through the same -dev packages scripts/setup installs.
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      ca-certificates tzdata libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev libeigen3-dev \
      libcli11-dev libspdlog-dev libcpp-httplib-dev libzip-dev \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 sonic
COPY --from=build /src/build/release/sonic /usr/local/bin/sonic
USER sonic
ENV SONIC_HOME=/data
EXPOSE 8765
# bash's /dev/tcp: no curl in the image just for this.
HEALTHCHECK --interval=30s --timeout=3s \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8765 && printf "GET /ping HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/usr/local/bin/sonic"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8765"]

# movierec: build with the Swift toolchain, run on a slim Debian with only the
# runtime libraries. The same steps run outside a container in
# scripts/container-smoke.sh, which CI executes (no Docker engine there).

# ---- build -----------------------------------------------------------------
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libopenblas-dev libsqlite3-dev libpq-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift openapi.yaml ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product movierec \
    && install -D "$(swift build -c release --show-bin-path)/movierec" /out/movierec

# ---- run -------------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libopenblas0-pthread libsqlite3-0 libpq5 curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /var/lib/movierec movierec
COPY --from=build /out/movierec /usr/local/bin/movierec
COPY models /opt/movierec/models
USER 10001
WORKDIR /var/lib/movierec
VOLUME ["/var/lib/movierec"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["curl", "-fsS", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["movierec"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--db", "/var/lib/movierec/movierec.sqlite", "--model", "/opt/movierec/models/movierec.safetensors"]

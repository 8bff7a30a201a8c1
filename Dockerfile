# syntax=docker/dockerfile:1
# Build: Maven + npm (the build fetches the default face pack with `npm pack` and checks its SHA-256).
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -B -ntp -q package -DskipTests \
 && java -jar target/motiv8.jar models fetch --models-dir /src/models

# Run: a JRE, fonts for headless Java2D, a non-root user. One image for every role: MOTIV8_ROLE=api|worker|all,
# CLUSTER_ENABLED=true to join the others (see docker-compose.yml). SIGTERM stops it gracefully.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system motiv8 && useradd --system --gid motiv8 --home-dir /app motiv8
WORKDIR /app
COPY --from=build /src/target/motiv8.jar /app/motiv8.jar
COPY --from=build /src/models /app/models
COPY conf /app/conf
RUN mkdir -p /app/data /app/tmp /app/outbox && chown -R motiv8:motiv8 /app
USER motiv8
ENV DATA_DIR=/app/data \
    SQLITE_PATH=/app/data/motiv8.db \
    TEMP_DIR=/app/tmp \
    OUTBOX_DIR=/app/outbox \
    MODELS_DIR=/app/models \
    MOTIV8_ROLE=all \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.awt.headless=true" \
    JDK_JAVA_OPTIONS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
# JDK_JAVA_OPTIONS: the module access Hazelcast asks for (it warns and runs slower without it).
# 8000: HTTP (the API, or /health, /readiness and /metrics on a worker); 5701: Hazelcast; 5801: the
# clustered event bus when CLUSTER_EVENT_BUS_PORT=5801 (the default 0 picks a free port).
EXPOSE 8000 5701 5801
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/motiv8.jar"]
CMD ["serve"]

# syntax=docker/dockerfile:1.7
# Keel's container image: docker build -t keel .
# Untested where it was written (no Docker engine there); DeploymentTests keeps its paths, ports, profile
# and entry point in step with the build. See README.md, "Container, Helm, monitoring".

ARG JDK_IMAGE=eclipse-temurin:25-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:25-jre-noble

# 1. Build the jar with the project's own wrapper (tests run in CI, not in the image build).
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -Dspotless.check.skip=true package \
 && java -Djarmode=tools -jar app/target/keel.jar extract --layers --destination /layers

# 2. The runtime: a JRE, the layers from the least to the most often changed, a non-root user.
FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 keel \
 && useradd --system --uid 10001 --gid keel --no-create-home --shell /usr/sbin/nologin keel
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# The heap follows the container's memory limit (set before the training run: the cache records the flags);
# the rest of the limit is for what the JVM needs besides (see jvm.maxRamPercentage in the chart). The
# collector is named, not left to ergonomics: the training run (no memory limit in a build) would pick G1,
# a pod with the chart's 768Mi limit Serial; the chart passes the same options (jvm.gc).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"

# 3. A JVM AOT cache from a training run (start the context, then exit): classes come pre-parsed and
#    pre-linked, so the container starts in about half the time. No database is needed for it.
RUN java -XX:AOTCacheOutput=/app/keel.aot \
      -Dspring.context.exit=onRefresh \
      -Dspring.profiles.active=prod \
      -Dspring.liquibase.enabled=false \
      -Dspring.datasource.url=jdbc:postgresql://localhost:5432/training \
      -Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      -Dspring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false \
      -Dspring.modulith.events.republish-outstanding-events-on-restart=false \
      -Dkeel.security.jwt-secret=training-run-only-secret-never-used-to-sign \
      -jar /app/keel.jar

USER 10001:10001
# The root file system may be read-only: Tomcat and the JVM write only to /tmp (mount an emptyDir or a
# tmpfs there). Graceful shutdown is on (server.shutdown=graceful in application.yaml).
ENV SPRING_PROFILES_ACTIVE=prod
# 8080: the API; 8081: management (health probes, /actuator/prometheus).
EXPOSE 8080 8081
# The server by default; an ops command when given one: docker run keel db migrate
# (-Xlog: the JVM's notes on AOT code it skips would clutter every command's output; errors still show.)
ENTRYPOINT ["java", "-XX:AOTCache=/app/keel.aot", "-Xlog:aot*=error", "-jar", "/app/keel.jar"]

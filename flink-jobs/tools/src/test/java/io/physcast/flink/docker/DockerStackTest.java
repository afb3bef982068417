package io.physcast.flink.docker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The whole docker/ stack with Testcontainers: the job must reach RUNNING on the Flink cluster.
 * Skipped where no Docker engine runs (our CI), or before the jar and a model file exist.
 */
class DockerStackTest {
    @Test
    void theJobRunsOnTheComposeStack() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine: stack test skipped");
        Path jar = Path.of(System.getProperty("physcast.job.jar"));
        assumeTrue(Files.exists(jar), "run after `mvn package`: " + jar + " not built yet");
        assumeTrue(
                Files.exists(DeploymentFilesTest.DOCKER.resolve("models/model.zip")),
                "docker/models/model.zip missing (scripts/model.sh train ... --out it)");
        try (ComposeContainer stack =
                new ComposeContainer(
                                new File(
                                        DeploymentFilesTest.DOCKER
                                                .resolve("docker-compose.yml")
                                                .toString()))
                        .withExposedService(
                                "jobmanager",
                                8081,
                                Wait.forHttp("/jobs/overview")
                                        .forStatusCode(200)
                                        .withStartupTimeout(Duration.ofMinutes(5)))) {
            stack.start();
            String host = stack.getServiceHost("jobmanager", 8081);
            int port = stack.getServicePort("jobmanager", 8081);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.currentTimeMillis() + 180_000;
            String body = "";
            while (System.currentTimeMillis() < deadline && !body.contains("\"RUNNING\"")) {
                body =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://"
                                                                        + host
                                                                        + ":"
                                                                        + port
                                                                        + "/jobs/overview"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                Thread.sleep(2_000);
            }
            assertTrue(body.contains("\"RUNNING\""), "job state: " + body);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }
}

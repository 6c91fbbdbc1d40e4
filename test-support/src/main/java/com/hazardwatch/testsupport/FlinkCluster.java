package com.hazardwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Flink standalone session cluster of {@code bin/hazardwatch stack up --cluster} (one JobManager, two
 * TaskManagers) for integration tests: started through the launcher, jobs submitted through {@code bin/hazardwatch
 * submit}, watched over the REST API. {@link #close()} cancels the jobs submitted here and stops the cluster again
 * when this instance started it. Ports: HW_FLINK_PORT (REST, default 8081) and the other HW_FLINK_* variables.
 */
public final class FlinkCluster implements AutoCloseable {
    private static final Duration LAUNCHER_TIMEOUT = Duration.ofMinutes(4);

    private final Path root = RepoFiles.root();
    private final String restUrl;
    private final boolean startedHere;
    private final List<String> jobs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkCluster(String restUrl, boolean startedHere) {
        this.restUrl = restUrl;
        this.startedHere = startedHere;
    }

    /** Starts what is missing of the cluster (and of the stack) through the launcher; waits until both TaskManagers are registered. */
    public static FlinkCluster start() throws IOException, InterruptedException {
        String port = System.getenv().getOrDefault("HW_FLINK_PORT", "8081");
        String url = "http://127.0.0.1:" + (port.isBlank() ? "8081" : port);
        FlinkCluster c = new FlinkCluster(url, false);
        boolean wasUp = c.answers();
        c = new FlinkCluster(url, !wasUp);
        c.launcher("stack", "up", "--cluster");
        return c;
    }

    public String restUrl() {
        return restUrl;
    }

    /** The directory the launcher keeps its data, pids and logs in (HAZARDWATCH_HOME, default &lt;repo&gt;/.hazardwatch). */
    public Path home() {
        String h = System.getenv("HAZARDWATCH_HOME");
        return h == null || h.isBlank() ? root.resolve(".hazardwatch") : Path.of(h).toAbsolutePath();
    }

    /** The shaded job jar that {@code mvn package} builds in jobs/target. */
    public Path jobJar() throws IOException {
        try (var files = Files.list(root.resolve("jobs/target"))) {
            return files.filter(p -> p.getFileName().toString().matches("hazardwatch-jobs-.*-flink-job\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no hazardwatch-jobs-*-flink-job.jar in " + root.resolve("jobs/target")
                            + ": run mvn package (or mvn verify) on the jobs module first"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no " + root.resolve("jobs/target") + ": run mvn package on the jobs module first", e);
        }
    }

    /**
     * Submits the job jar through {@code bin/hazardwatch submit} and waits until it runs; returns its job id.
     *
     * @param settings settings passed as {@code --set key=value} (after the launcher's own, so they win)
     */
    public String submit(int parallelism, Path catalogue, Map<String, String> settings) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("submit", "--jar", jobJar().toString(), "--parallelism",
                String.valueOf(parallelism), "--catalogue", catalogue.toAbsolutePath().toString()));
        settings.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        List<String> out = launcher(args.toArray(String[]::new));
        String id = out.isEmpty() ? "" : out.get(out.size() - 1).trim();
        if (!id.matches("[0-9a-f]{32}")) {
            throw new IllegalStateException("bin/hazardwatch submit printed no job id as its last line: " + out);
        }
        jobs.add(id);
        return id;
    }

    /** GET from the REST API, parsed. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + restUrl + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** The job's state (RUNNING, RESTARTING, ...). */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** True when the job is RUNNING and every one of its tasks is running (or, a bounded source, has finished). */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode j = get("/jobs/" + jobId);
        if (!"RUNNING".equals(j.path("state").asText())) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            if (!Set.of("RUNNING", "FINISHED").contains(v.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** How often the job has restarted (metric numRestarts). */
    public long restarts(String jobId) throws IOException, InterruptedException {
        for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return m.path("value").asLong();
        }
        return 0;
    }

    /** The counts of /jobs/ID/checkpoints: restored, total, in_progress, completed, failed. */
    public JsonNode checkpointCounts(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts");
    }

    /** The ids (taskmanager-1, taskmanager-2) of the TaskManagers running tasks of the job. */
    public List<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers").path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return new ArrayList<>(ids);
    }

    /** The pid of TaskManager n from the launcher's pid file, checked to be that TaskManager's JVM. */
    public long taskManagerPid(int n) throws IOException {
        Path pidFile = home().resolve("run/flink-taskmanager-" + n + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        String conf = home().resolve("flink/flink-taskmanager-" + n + "/conf").toString();
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "TaskManager " + n + " (pid " + pid + " from " + pidFile + ") does not run"));
        // the whole command line, as the launcher checks it (ProcessHandle.Info may leave arguments out)
        List<String> args = List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
        if (!args.contains(conf)) {
            throw new IllegalStateException("pid " + pid + " from " + pidFile + " is not TaskManager " + n + " (no " + conf
                    + " on its command line)");
        }
        return pid;
    }

    /** kill -9 of TaskManager n; waits until it is gone. */
    public void killTaskManager(int n) throws IOException, InterruptedException {
        long pid = taskManagerPid(n);
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly(); // SIGKILL
        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Starts again what is missing of the cluster (a killed TaskManager), through the launcher. */
    public void restartMissing() throws IOException, InterruptedException {
        launcher("stack", "up", "--cluster");
    }

    /** Runs bin/hazardwatch ARGS; its output is echoed and returned; a non-zero exit is an error. */
    public List<String> launcher(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("bin/hazardwatch").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("HAZARDWATCH_HOME", home().toString());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("  | " + line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "launcher-output");
        reader.start();
        if (!p.waitFor(LAUNCHER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + LAUNCHER_TIMEOUT);
        }
        reader.join(5000);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + lines);
        }
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private boolean answers() {
        try {
            return get("/overview").has("flink-version");
        } catch (Exception e) {
            return false;
        }
    }

    /** Cancels the jobs submitted here; stops the cluster when this instance started it. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String id : jobs) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + id + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the cluster is gone already
            }
        }
        if (startedHere) {
            launcher("stack", "down", "--cluster");
        }
    }
}

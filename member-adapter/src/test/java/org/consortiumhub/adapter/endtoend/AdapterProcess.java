package org.consortiumhub.adapter.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged adapter run as a library's systems staff run it: a command, settings in the environment. */
final class AdapterProcess {

    final Process process;
    final Path out;
    final Path err;

    private AdapterProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static AdapterProcess start(Path workDir, Map<String, String> settings, String... command) throws IOException {
        String jar = System.getProperty("adapter.runner.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("The packaged adapter is missing: " + jar);
        }
        List<String> line = new ArrayList<>(List.of(RealHub.javaCommand(), "-jar", jar));
        line.addAll(List.of(command));
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "adapter-", ".out");
        Path err = Files.createTempFile(workDir, "adapter-", ".err");
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("ADAPTER_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(settings);
        return new AdapterProcess(builder.start(), out, err);
    }

    /** Runs a command to its end and returns its exit code. */
    static AdapterProcess run(Path workDir, Map<String, String> settings, String... command) throws Exception {
        AdapterProcess adapter = start(workDir, settings, command);
        if (!adapter.process.waitFor(5, TimeUnit.MINUTES)) {
            adapter.process.destroyForcibly();
            throw new AssertionError("the adapter did not finish within 5 minutes:\n" + adapter.output());
        }
        return adapter;
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    String output() throws IOException {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }
}

package io.agentic.platform.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executable jar to start as a child process, the way a container starts it: {@code java
 * [-Dkey=value...] -jar <jar> [args...]} with the java of the JVM running the tests. Describe it
 * with the fluent methods, then {@link #start()} it; use the {@link RunningJar} in a
 * try-with-resources block so no test leaves a process behind.
 */
public final class PackagedJar {

  /** Where a Quarkus module packages its runnable jar, relative to the module directory. */
  public static final Path QUARKUS_RUN_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  private final Path jar;
  private final String name;
  private final List<String> systemProperties = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> droppedEnvPrefixes = new ArrayList<>();
  private Path workingDirectory;
  private Path logFile;

  private PackagedJar(Path jar, String name) {
    this.jar = jar.toAbsolutePath();
    this.name = name;
    this.logFile = Path.of("target", name + ".log");
  }

  /**
   * The jar the module under test packaged, {@link #QUARKUS_RUN_JAR}. {@code name} tells this run
   * apart in failure messages and names its log file, {@code target/<name>.log}.
   */
  public static PackagedJar quarkusApp(String name) {
    return at(QUARKUS_RUN_JAR, name);
  }

  /** Any executable jar; a relative path is resolved against the tests' working directory. */
  public static PackagedJar at(Path jar, String name) {
    return new PackagedJar(jar, name);
  }

  /** Passes {@code -Dkey=value} to the JVM. */
  public PackagedJar systemProperty(String key, String value) {
    systemProperties.add("-D" + key + "=" + value);
    return this;
  }

  /** Arguments after the jar, for the application's main method. */
  public PackagedJar args(String... arguments) {
    args.addAll(List.of(arguments));
    return this;
  }

  /** Sets an environment variable; later calls override earlier ones and inherited values. */
  public PackagedJar env(String variable, String value) {
    env.put(variable, value);
    return this;
  }

  /** Sets environment variables; later calls override earlier ones and inherited values. */
  public PackagedJar env(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  /**
   * Does not pass on the tests' own variables whose names start with {@code prefix}, e.g. those
   * failsafe sets for {@code @QuarkusIntegrationTest} runs; variables set with {@link #env} stay.
   */
  public PackagedJar withoutInheritedEnv(String prefix) {
    droppedEnvPrefixes.add(prefix);
    return this;
  }

  /** The process's working directory; by default the tests' own. */
  public PackagedJar workingDirectory(Path directory) {
    workingDirectory = directory.toAbsolutePath();
    return this;
  }

  /** Where stdout and stderr go, instead of {@code target/<name>.log}. */
  public PackagedJar logFile(Path file) {
    logFile = file;
    return this;
  }

  /** Starts the process; its output goes to the log file from the first byte. */
  public RunningJar start() throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("no jar at " + jar + ": package the module first");
    }
    Path log = logFile.toAbsolutePath();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(systemProperties);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    builder
        .environment()
        .keySet()
        .removeIf(variable -> droppedEnvPrefixes.stream().anyMatch(variable::startsWith));
    builder.environment().putAll(env);
    return new RunningJar(name, builder.start(), log);
  }
}

package io.agentic.platform.testsupport;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a jar whose main class is {@link JarFixture}, built here from the compiled class. */
class PackagedJarTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path directory;
  private static Path jar;

  @BeforeAll
  static void buildJar() throws IOException {
    jar = directory.resolve("fixture.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JarFixture.class.getName());
    String entry = JarFixture.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream classFile = JarFixture.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      classFile.transferTo(out);
    }
  }

  private static PackagedJar fixture(String name) {
    return PackagedJar.at(jar, name).logFile(directory.resolve(name + ".log"));
  }

  @Test
  void passesPropertiesEnvironmentArgumentsAndWorkingDirectory() throws Exception {
    Path workingDirectory = Files.createDirectories(directory.resolve("work"));
    try (RunningJar process =
        fixture("configured")
            .systemProperty("fixture.property", "from -D")
            .withoutInheritedEnv("PATH")
            .env("FIXTURE_VARIABLE", "from env")
            .workingDirectory(workingDirectory)
            .args("print-property", "fixture.property", "print-env", "FIXTURE_VARIABLE")
            .args("print-env", "PATH", "print-directory", "print-to-stderr", "to stderr")
            .args("exit", "3")
            .start()) {
      assertEquals(3, process.waitForExit(TIMEOUT), process.output());
      String output = process.output();
      assertThat(output, containsString("fixture.property=from -D\n"));
      assertThat(output, containsString("FIXTURE_VARIABLE=from env\n"));
      assertThat(output, containsString("PATH=null\n"));
      assertThat(output, containsString("directory=" + workingDirectory.toRealPath() + "\n"));
      assertThat(output, containsString("to stderr\n"));
      assertEquals(output, Files.readString(process.logFile()));
    }
  }

  @Test
  void waitsForALineAndAUrlThenStopsWithSigterm() throws Exception {
    int port = FreePorts.one();
    try (RunningJar process =
        fixture("serving")
            .args("print", "starting", "sleep", "300", "serve", Integer.toString(port))
            .args("print", "serving on " + port)
            .start()) {
      assertEquals(
          "serving on " + port, process.waitForLine(Pattern.compile("^serving on"), TIMEOUT));
      process.waitForUrl("http://127.0.0.1:" + port + "/", TIMEOUT);
      assertEquals(143, process.stop(TIMEOUT), "the JVM's exit code after SIGTERM");
      assertThat(process.output(), containsString("shutdown hook ran"));
    }
  }

  @Test
  void aProcessThatExitsBeforeItIsReadyFailsTheWaitAtOnce() throws Exception {
    try (RunningJar process =
        fixture("failing").args("print", "no configuration found", "exit", "1").start()) {
      long start = System.nanoTime();
      AssertionError failure =
          assertThrows(
              AssertionError.class,
              () -> process.waitForUrl("http://127.0.0.1:1/", Duration.ofMinutes(5)));
      assertThat(Duration.ofNanos(System.nanoTime() - start), lessThan(TIMEOUT));
      assertThat(failure.getMessage(), containsString("failing exited with code 1"));
      assertThat(failure.getMessage(), containsString("no configuration found"));
    }
  }

  @Test
  void aWaitPastItsDeadlineFailsAndSigkillEndsTheProcess() throws Exception {
    try (RunningJar process =
        fixture("sleeping").args("print", "sleeping", "sleep", "60000").start()) {
      AssertionError failure =
          assertThrows(
              AssertionError.class,
              () -> process.waitForLine(Pattern.compile("awake"), Duration.ofMillis(300)));
      assertThat(failure.getMessage(), containsString("sleeping still running"));
      assertThat(failure.getMessage(), containsString("300 ms"));
      assertEquals(137, process.kill(TIMEOUT), "the exit code after SIGKILL");
      assertFalse(process.output().contains("shutdown hook ran"));
    }
  }

  @Test
  void closeKillsTheProcess() throws Exception {
    int port = FreePorts.one();
    try (RunningJar process = fixture("closed").args("serve", Integer.toString(port)).start()) {
      process.waitForUrl("http://127.0.0.1:" + port + "/", TIMEOUT);
    }
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  @Test
  void aMissingJarIsReportedBeforeAnythingStarts() {
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> PackagedJar.at(directory.resolve("absent.jar"), "absent").start());
    assertTrue(failure.getMessage().contains("package the module first"), failure.getMessage());
  }
}

package io.agentic.platform.systemtest;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods the one {@link LocalSuite} of this test run: started by the first test that
 * asks for it, stopped when all tests are done. Each test uses tenants, sessions and run ids of its
 * own, so no test depends on another having run.
 */
public final class SuiteExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalSuite.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SuiteExtension.class))
        .getOrComputeIfAbsent("suite", key -> start(), Closing.class)
        .suite();
  }

  private static Closing start() {
    try {
      return new Closing(
          new LocalSuite(
              Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
    }
  }

  /** Closed by JUnit with the root context, after the last test. */
  private record Closing(LocalSuite suite)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      suite.close();
    }
  }
}

package io.agentic.platform.executor.outage;

import io.agentic.platform.executor.consume.NatsClient;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One cheap round trip per dependency: it answers, or the exception says why not. */
@ApplicationScoped
public class DependencyProbes {

  private static final int VALIDATION_SECONDS = 2;

  private final DataSource dataSource;
  private final RedisDataSource redis;
  private final NatsClient nats;

  DependencyProbes(DataSource dataSource, RedisDataSource redis, NatsClient nats) {
    this.dataSource = dataSource;
    this.redis = redis;
    this.nats = nats;
  }

  /** Returns when {@code dependency} answers; throws with the reason when it does not. */
  public void check(Dependency dependency) throws Exception {
    switch (dependency) {
      case POSTGRESQL -> {
        try (Connection connection = dataSource.getConnection()) {
          if (!connection.isValid(VALIDATION_SECONDS)) {
            throw new SQLException("the connection did not validate");
          }
        }
      }
      case REDIS -> redis.execute("PING");
      case NATS -> nats.connect();
    }
  }
}

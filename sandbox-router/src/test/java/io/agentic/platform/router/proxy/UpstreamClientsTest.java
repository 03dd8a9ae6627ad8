package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientsTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachEventLoopAlwaysGetsItsOwnClient() throws Exception {
    UpstreamClients clients = new UpstreamClients(vertx, new HttpClientOptions(), 64, 256);
    List<EventExecutor> loops = new ArrayList<>();
    vertx.nettyEventLoopGroup().forEach(loops::add);
    assertEquals(2, loops.size());

    HttpClient onFirst = onLoop(loops.get(0), clients);
    HttpClient onSecond = onLoop(loops.get(1), clients);
    assertNotSame(onFirst, onSecond);
    assertSame(onFirst, onLoop(loops.get(0), clients));
    assertSame(onSecond, onLoop(loops.get(1), clients));
  }

  @Test
  void aCallerOffTheEventLoopsIsStillServed() {
    assertNotNull(new UpstreamClients(vertx, new HttpClientOptions(), 64, 256).current());
  }

  @Test
  void sharesTheConnectionLimitOutAmongEventLoops() {
    assertEquals(32, UpstreamClients.connectionsPerEventLoop(64, 2));
    assertEquals(3, UpstreamClients.connectionsPerEventLoop(5, 2));
    assertEquals(16, UpstreamClients.connectionsPerEventLoop(64, 4));
    // Every event loop can reach the sandbox, even when the limit is below their number.
    assertEquals(1, UpstreamClients.connectionsPerEventLoop(1, 4));
  }

  private static HttpClient onLoop(EventExecutor loop, UpstreamClients clients) throws Exception {
    return loop.submit(clients::current).get(5, TimeUnit.SECONDS);
  }
}

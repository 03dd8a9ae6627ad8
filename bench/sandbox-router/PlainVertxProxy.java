import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's floor for a JVM proxy: the fewest lines of Vert.x that forward a request to the
 * backend and stream the response back, on the same libraries and event-loop count as the router,
 * one keep-alive client per event loop. It checks nothing, records nothing and copies every header
 * as it is, so the router's rate over this one is the price of what the router adds.
 */
public class PlainVertxProxy {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int backendPort = Integer.parseInt(args[1]);
    int eventLoops = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    vertx
        .deployVerticle(
            () -> new ProxyVerticle(port, backendPort), new DeploymentOptions().setInstances(eventLoops))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    Files.writeString(Path.of(args[2]), "ready");
  }

  static final class ProxyVerticle extends AbstractVerticle {

    private final int port;
    private final int backendPort;
    private HttpClient client;

    ProxyVerticle(int port, int backendPort) {
      this.port = port;
      this.backendPort = backendPort;
    }

    @Override
    public void start(Promise<Void> started) {
      client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
      vertx
          .createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
          .requestHandler(this::forward)
          .listen(port, "127.0.0.1")
          .<Void>mapEmpty()
          .onComplete(started);
    }

    private void forward(HttpServerRequest request) {
      request.pause();
      client
          .request(
              new RequestOptions()
                  .setMethod(request.method())
                  .setHost("127.0.0.1")
                  .setPort(backendPort)
                  .setURI(request.uri()))
          .compose(
              upstream -> {
                upstream.headers().addAll(request.headers());
                return upstream.send(request);
              })
          .onSuccess(
              response -> {
                request.response().setStatusCode(response.statusCode());
                request.response().headers().addAll(response.headers());
                response.pipeTo(request.response());
              })
          .onFailure(failure -> request.response().setStatusCode(502).end());
    }
  }
}

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's sandbox: answers GET with a small JSON document and reads uploads to their end
 * before answering 204, so every upload byte really crosses the proxy in front of it.
 */
public class SandboxBackend {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Buffer document = Buffer.buffer("{\"ok\":true,\"sandbox\":\"bench\"}\n");
    vertx
        .createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(
            request -> {
              if (request.path().startsWith("/upload")) {
                request.handler(chunk -> {});
                request.endHandler(ended -> request.response().setStatusCode(204).end());
              } else {
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .end(document);
              }
            })
        .listen(port, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    Files.writeString(Path.of(args[1]), "ready");
  }
}

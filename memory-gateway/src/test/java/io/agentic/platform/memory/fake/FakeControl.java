package io.agentic.platform.memory.fake;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drives the fake EverMemOS through its control port. */
public final class FakeControl {

  private FakeControl() {}

  private static String url(String path) {
    return ConfigProvider.getConfig().getValue("fake.evermemos.control-url", String.class) + path;
  }

  private static void post(String path) {
    given().post(url(path)).then().statusCode(200);
  }

  public static void reset() {
    post("/reset");
  }

  public static void failNext(int count, int status) {
    post("/fail?count=" + count + "&status=" + status);
  }

  /** Fails the next calls with a status and a Retry-After header (seconds or an HTTP date). */
  public static void failNext(int count, int status, String retryAfter) {
    given()
        .queryParam("count", count)
        .queryParam("status", status)
        .queryParam("retry-after", retryAfter)
        .post(url("/fail"))
        .then()
        .statusCode(200);
  }

  public static void delay(long millis) {
    post("/delay?ms=" + millis);
  }

  /** Delays only the calls made for one tenant. */
  public static void delayTenant(String tenant, long millis) {
    post("/delay-tenant?tenant=" + tenant + "&ms=" + millis);
  }

  /** Calls the fake is holding back because of a delay right now. */
  public static int delayed() {
    return Integer.parseInt(
        given().get(url("/delayed")).then().statusCode(200).extract().asString());
  }

  public static void ignoreFilters() {
    post("/ignore-filters");
  }

  public static void down() {
    post("/down");
  }

  public static void up() {
    post("/up");
  }

  /** Requests the API port has served since the last reset (health probes not counted). */
  public static int served() {
    return Integer.parseInt(
        given().get(url("/served")).then().statusCode(200).extract().asString());
  }

  /** What arrived upstream since the last reset: method, path, query and JSON body of each. */
  public static JsonPath received() {
    return given().get(url("/received")).then().statusCode(200).extract().jsonPath();
  }
}

package io.agentic.platform.executor.run;

import io.agentic.platform.executor.config.PostgresConfig;
import io.agentic.platform.executor.request.AgentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Runs in PostgreSQL. Blocking JDBC: called from run worker threads only, never an event loop.
 *
 * <p>Run mode may have no PostgreSQL ({@code POSTGRES_HOST} unset): then nothing is kept, every
 * write succeeds without a trace and no run is found, so a one-shot run executes as a first attempt
 * every time. Serve mode always has one.
 */
@ApplicationScoped
public class RunStore {

  // One round trip: a new run id is recorded and taken at once; a known one is taken only when it
  // waits (received, after a released attempt) or its holder's lease ran out. The subquery turns
  // off
  // the disk flush for this statement's own transaction only (see claim).
  private static final String TAKE =
      "INSERT INTO runs (run_id, tenant, agent, session_id, status, attempts, lease_until,"
          + " received_at, started_at, request_sha256, reply_subject)"
          + " SELECT ?, ?, ?, ?, 'running', 1, now() + make_interval(secs => ?),"
          + " ?::timestamptz, now(), ?, ?"
          + " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_flush"
          + " ON CONFLICT (tenant, run_id) DO UPDATE SET status = 'running',"
          + " attempts = runs.attempts + 1, lease_until = EXCLUDED.lease_until, started_at = now(),"
          + " updated_at = now()"
          + " WHERE (runs.status = 'received'"
          + " OR (runs.status = 'running' AND runs.lease_until < now()))"
          + " AND (runs.request_sha256 IS NULL OR runs.request_sha256 = EXCLUDED.request_sha256)"
          + " RETURNING attempts";
  private static final String FIND =
      "SELECT status, result, GREATEST(EXTRACT(EPOCH FROM lease_until - now()), 0),"
          + " request_sha256, reply_subject FROM runs WHERE run_id = ? AND tenant = ?";
  // An upsert: the claim's commit is not waited for (see claim), so after a database crash the
  // row may be missing when the run ends, and the result must be stored all the same.
  private static final String FINISH =
      "INSERT INTO runs (run_id, tenant, agent, session_id, status, attempts, model, input_tokens,"
          + " output_tokens, error_code, error_message, result, started_at, finished_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())"
          + " ON CONFLICT (tenant, run_id) DO UPDATE SET status = EXCLUDED.status,"
          + " model = EXCLUDED.model,"
          + " input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens,"
          + " error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,"
          + " result = EXCLUDED.result, lease_until = NULL, finished_at = now(), updated_at = now()"
          // Fenced: a delivery whose lease ran out and whose run another delivery took over (a
          // later attempt) does not overwrite what that one stores.
          + " WHERE runs.attempts = EXCLUDED.attempts";
  private static final String INSERT_DEAD =
      "INSERT INTO runs (run_id, tenant, agent, session_id, status, error_code, error_message,"
          + " result, finished_at) VALUES (?, ?, ?, ?, 'dead', ?, ?, ?, now())";
  // A request given up before it claimed its run never changes a run that exists: it may be a
  // resend, with a bad body or a passed deadline, of a run that is alive or has ended.
  private static final String RECORD_DEAD_UNCLAIMED =
      INSERT_DEAD + " ON CONFLICT (tenant, run_id) DO NOTHING";
  private static final String RECORD_DEAD_CLAIMED =
      INSERT_DEAD
          + " ON CONFLICT (tenant, run_id) DO UPDATE SET status = 'dead',"
          + " error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,"
          + " result = EXCLUDED.result, lease_until = NULL, finished_at = now(), updated_at = now()"
          + " WHERE runs.status IN ('received', 'running')";

  // One statement for every run this replica holds: each lease is extended while its run is alive,
  // unless another attempt took the run over. Returns the runs whose lease was extended.
  private static final String RENEW =
      "UPDATE runs SET lease_until = now() + make_interval(secs => ?), updated_at = now()"
          + " FROM unnest(?::text[], ?::text[], ?::int[]) AS held(tenant, run_id, attempts)"
          + " WHERE runs.tenant = held.tenant AND runs.run_id = held.run_id"
          + " AND runs.attempts = held.attempts AND runs.status = 'running'"
          + " RETURNING runs.tenant, runs.run_id";

  private static final String RELEASE =
      "UPDATE runs SET status = 'received', lease_until = NULL, updated_at = now()"
          + " WHERE run_id = ? AND tenant = ? AND status = 'running'";

  private final DataSource dataSource;
  private final boolean keeps;

  RunStore(DataSource dataSource, PostgresConfig postgres) {
    this.dataSource = dataSource;
    this.keeps = postgres.configured();
  }

  /** Whether runs are kept at all (PostgreSQL is configured). */
  public boolean keepsRuns() {
    return keeps;
  }

  /**
   * Takes the run (status running, under a lease) unless another delivery holds it or it ended;
   * then says which of the two it is.
   *
   * <p>The claim commits without waiting for its write-ahead log to reach the disk. It is visible
   * to every other delivery at once, which is all it is for; only a database crash in the next
   * moment could lose it, and then a redelivery may run the agent again, as after a crash just
   * before the claim. The result is stored with a flushed commit (which also makes the claim before
   * it durable) before the message is acked, so a succeeded run is never lost or run twice. Waiting
   * for a flush here as well cost every run a second disk sync.
   *
   * <p>It is a single auto-committed statement that switches {@code synchronous_commit} off for its
   * own transaction ({@code set_config} with {@code is_local}): one round trip, and the pooled
   * connection keeps its settings. A separate {@code SET LOCAL} in an explicit transaction took
   * three.
   */
  public Claim claim(
      AgentRequest request,
      String requestSha256,
      String replySubject,
      Instant receivedAt,
      Duration lease)
      throws SQLException {
    if (!keeps) {
      return new Claim.Owned(1);
    }
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement take = connection.prepareStatement(TAKE)) {
        bindRun(take, request);
        take.setDouble(5, lease.toMillis() / 1000.0);
        take.setTimestamp(6, Timestamp.from(receivedAt));
        take.setString(7, requestSha256);
        take.setString(8, replySubject);
        try (ResultSet taken = take.executeQuery()) {
          if (taken.next()) {
            return new Claim.Owned(taken.getInt(1));
          }
        }
      }
      return notTaken(connection, request, requestSha256);
    }
  }

  private static Claim notTaken(Connection connection, AgentRequest request, String requestSha256)
      throws SQLException {
    try (PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, request.runId());
      find.setString(2, request.tenant());
      try (ResultSet found = find.executeQuery()) {
        if (!found.next()) {
          throw new SQLException("run " + request.runId() + " vanished while being claimed");
        }
        String storedSha256 = found.getString(4);
        if (storedSha256 != null && !storedSha256.equals(requestSha256)) {
          return new Claim.Conflict();
        }
        RunStatus status = RunStatus.of(found.getString(1));
        if (status.terminal()) {
          return new Claim.Finished(status, found.getString(2), found.getString(5));
        }
        return new Claim.Busy(Duration.ofMillis((long) (found.getDouble(3) * 1000)));
      }
    }
  }

  /** The run's end when it has ended (its status, stored result and reply subject). */
  public Optional<Claim.Finished> ended(AgentRequest request) throws SQLException {
    return ended(request, null);
  }

  /**
   * The run's end when it has ended and, unless {@code requestSha256} is null, was started by the
   * request with that SHA-256 (another body under the same run id is another request).
   */
  public Optional<Claim.Finished> ended(AgentRequest request, String requestSha256)
      throws SQLException {
    if (!keeps) {
      return Optional.empty();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, request.runId());
      find.setString(2, request.tenant());
      try (ResultSet found = find.executeQuery()) {
        if (found.next()
            && RunStatus.of(found.getString(1)).terminal()
            && (requestSha256 == null
                || found.getString(4) == null
                || requestSha256.equals(found.getString(4)))) {
          return Optional.of(
              new Claim.Finished(
                  RunStatus.of(found.getString(1)), found.getString(2), found.getString(5)));
        }
        return Optional.empty();
      }
    }
  }

  /**
   * Stores the end of a run this delivery owns as {@code attempt}; the result is durable once this
   * returns true. False: a later attempt took the run over (this delivery's lease ran out), and
   * nothing was stored.
   */
  public boolean finish(
      AgentRequest request,
      int attempt,
      RunStatus status,
      String model,
      Integer inputTokens,
      Integer outputTokens,
      String errorCode,
      String errorMessage,
      String resultJson)
      throws SQLException {
    if (!keeps) {
      return true;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement finish = connection.prepareStatement(FINISH)) {
      bindRun(finish, request);
      finish.setString(5, status.value());
      finish.setInt(6, attempt);
      finish.setString(7, model);
      setInt(finish, 8, inputTokens);
      setInt(finish, 9, outputTokens);
      finish.setString(10, errorCode);
      finish.setString(11, errorMessage);
      finish.setString(12, resultJson);
      return finish.executeUpdate() == 1;
    }
  }

  /**
   * Extends the lease of every run in {@code held} by {@code lease} from now; returns those still
   * held (a run missing from the answer was taken over by a later attempt, or has ended).
   */
  public Set<RunKey> renew(Collection<HeldRun> held, Duration lease) throws SQLException {
    if (held.isEmpty() || !keeps) {
      return Set.of();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement renew = connection.prepareStatement(RENEW)) {
      renew.setDouble(1, lease.toMillis() / 1000.0);
      renew.setArray(
          2, connection.createArrayOf("text", held.stream().map(h -> h.key().tenant()).toArray()));
      renew.setArray(
          3, connection.createArrayOf("text", held.stream().map(h -> h.key().runId()).toArray()));
      renew.setArray(
          4, connection.createArrayOf("integer", held.stream().map(HeldRun::attempt).toArray()));
      Set<RunKey> renewed = new HashSet<>();
      try (ResultSet rows = renew.executeQuery()) {
        while (rows.next()) {
          renewed.add(new RunKey(rows.getString(1), rows.getString(2)));
        }
      }
      return renewed;
    }
  }

  /** Hands a run this delivery owns back after a transient failure, for the redelivery to take. */
  public void release(AgentRequest request) throws SQLException {
    if (!keeps) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement release = connection.prepareStatement(RELEASE)) {
      release.setString(1, request.runId());
      release.setString(2, request.tenant());
      release.executeUpdate();
    }
  }

  /**
   * Marks a run dead. A delivery that {@code claimed} the run ends it unless it already ended (a
   * finished run keeps its result); one given up before its claim only records a run that does not
   * exist yet, and never changes one that does.
   */
  public void recordDead(
      AgentRequest request, FailureReason reason, String detail, String result, boolean claimed)
      throws SQLException {
    if (!keeps) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement dead =
            connection.prepareStatement(claimed ? RECORD_DEAD_CLAIMED : RECORD_DEAD_UNCLAIMED)) {
      bindRun(dead, request);
      dead.setString(5, reason.code());
      dead.setString(6, detail);
      dead.setString(7, result);
      dead.executeUpdate();
    }
  }

  /** The first four parameters of every statement that writes a run: its id and whose it is. */
  private static void bindRun(PreparedStatement statement, AgentRequest request)
      throws SQLException {
    statement.setString(1, request.runId());
    statement.setString(2, request.tenant());
    statement.setString(3, request.agent());
    statement.setString(4, request.sessionId().orElse(null));
  }

  private static void setInt(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }
}

package io.agentic.platform.memory.api;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks every request before anything reaches EverMemOS and fills in defaults. A bad field is a
 * 400 naming the field; a size limit exceeded is a 413.
 */
@ApplicationScoped
public class RequestValidator {

  /**
   * Caller ids: no '/' (the tenant separator upstream) and no EverMemOS sentinel like __all__, so a
   * caller can neither forge another tenant's namespace nor widen a query.
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  static final int DEFAULT_TOP_K = 10;
  static final int DEFAULT_PAGE_SIZE = 20;

  private final MemoryConfig.Limits limits;

  /** Whether {@code id} is a valid caller id (user, group, session, sender or message id). */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  RequestValidator(MemoryConfig config) {
    this.limits = config.limits();
  }

  public StoreRequest store(StoreRequest request) {
    required(request);
    boolean group = request.groupId() != null;
    if (group == (request.userId() != null)) {
      throw bad("give either user_id (personal memories) or group_id (group memories), not both");
    }
    optionalId("user_id", request.userId());
    optionalId("group_id", request.groupId());
    optionalId("session_id", request.sessionId());
    List<Message> messages = request.messages();
    if (messages == null || messages.isEmpty()) {
      throw bad("messages: at least one message is required");
    }
    if (messages.size() > limits.maxMessagesPerCall()) {
      throw Problem.tooLarge(
              "messages: "
                  + messages.size()
                  + " messages in one call, at most "
                  + limits.maxMessagesPerCall()
                  + " are accepted")
          .asException();
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String at = "messages[" + i + "]";
      if (m == null) {
        throw bad(at + ": must be an object");
      }
      requiredId(at + ".message_id", m.messageId());
      if (!seen.add(m.messageId())) {
        throw bad(at + ".message_id: " + m.messageId() + " appears twice in this call");
      }
      if (group) {
        requiredId(at + ".sender_id", m.senderId());
      } else {
        optionalId(at + ".sender_id", m.senderId());
      }
      if (m.senderName() != null && m.senderName().length() > 256) {
        throw bad(at + ".sender_name: at most 256 characters");
      }
      if (m.role() == null) {
        throw bad(at + ".role: required, user or assistant");
      }
      if (m.content() == null || m.content().isBlank()) {
        throw bad(at + ".content: required and not blank");
      }
      if (m.content().length() > limits.maxContentChars()) {
        throw Problem.tooLarge(
                at
                    + ".content: "
                    + m.content().length()
                    + " characters, at most "
                    + limits.maxContentChars()
                    + " are accepted")
            .asException();
      }
      if (m.timestamp() == null) {
        throw bad(at + ".timestamp: required, ISO 8601 with an offset");
      }
      storable(at + ".timestamp", m.timestamp());
    }
    return request;
  }

  public SearchRequest search(SearchRequest request) {
    required(request);
    if (request.query() == null || request.query().isBlank()) {
      throw bad("query: required and not blank");
    }
    if (request.query().length() > limits.maxQueryChars()) {
      throw Problem.tooLarge(
              "query: "
                  + request.query().length()
                  + " characters, at most "
                  + limits.maxQueryChars()
                  + " are accepted")
          .asException();
    }
    List<MemoryType> types = request.memoryTypes();
    if (types == null) {
      types = List.of(MemoryType.EPISODIC_MEMORY);
    } else if (types.isEmpty() || types.contains(null)) {
      throw bad("memory_types: give at least one memory type, or leave it out");
    } else {
      types = List.copyOf(new java.util.LinkedHashSet<>(types));
    }
    int topK = request.topK() == null ? Math.min(DEFAULT_TOP_K, limits.maxTopK()) : request.topK();
    if (topK < 1 || topK > limits.maxTopK()) {
      throw bad("top_k: must be between 1 and " + limits.maxTopK());
    }
    SearchMethod method = request.method() == null ? SearchMethod.HYBRID : request.method();
    return new SearchRequest(request.query(), method, types, topK, filters(request.filters()));
  }

  public GetRequest get(GetRequest request) {
    required(request);
    if (request.memoryType() == null) {
      throw bad("memory_type: required");
    }
    int page = request.page() == null ? 1 : request.page();
    if (page < 1) {
      throw bad("page: pages start at 1");
    }
    int pageSize =
        request.pageSize() == null
            ? Math.min(DEFAULT_PAGE_SIZE, limits.maxPageSize())
            : request.pageSize();
    if (pageSize < 1 || pageSize > limits.maxPageSize()) {
      throw bad("page_size: must be between 1 and " + limits.maxPageSize());
    }
    SortOrder order = request.order() == null ? SortOrder.DESC : request.order();
    return new GetRequest(request.memoryType(), page, pageSize, order, filters(request.filters()));
  }

  public DeleteRequest delete(DeleteRequest request) {
    required(request);
    if (request.userId() == null && request.groupId() == null) {
      throw bad("give user_id and/or group_id: a delete is always confined to a user or a group");
    }
    optionalId("user_id", request.userId());
    optionalId("group_id", request.groupId());
    optionalId("session_id", request.sessionId());
    optionalId("sender_id", request.senderId());
    return request;
  }

  public FlushRequest flush(FlushRequest request) {
    required(request);
    if ((request.userId() == null) == (request.groupId() == null)) {
      throw bad("give either user_id or group_id");
    }
    optionalId("user_id", request.userId());
    optionalId("group_id", request.groupId());
    optionalId("session_id", request.sessionId());
    if (request.groupId() != null && request.sessionId() != null) {
      throw bad("session_id: a group flush covers the whole group; leave session_id out");
    }
    return request;
  }

  private Filters filters(Filters filters) {
    if (filters == null || (filters.userId() == null && filters.groupId() == null)) {
      throw bad("filters: give filters.user_id and/or filters.group_id");
    }
    optionalId("filters.user_id", filters.userId());
    optionalId("filters.group_id", filters.groupId());
    optionalId("filters.session_id", filters.sessionId());
    storable("filters.start_time", filters.startTime());
    storable("filters.end_time", filters.endTime());
    if (filters.startTime() != null
        && filters.endTime() != null
        && filters.startTime().isAfter(filters.endTime())) {
      throw bad("filters: start_time is after end_time");
    }
    return filters;
  }

  /** EverMemOS keeps times as epoch milliseconds: a time no long of them holds is refused. */
  private static void storable(String field, OffsetDateTime time) {
    if (time == null) {
      return;
    }
    try {
      time.toInstant().toEpochMilli();
    } catch (ArithmeticException e) {
      throw bad(field + ": " + time + " is outside the range of times that can be stored");
    }
  }

  private static void required(Object body) {
    if (body == null) {
      throw bad("a JSON request body is required");
    }
  }

  private static void requiredId(String field, String value) {
    if (value == null) {
      throw bad(field + ": required");
    }
    optionalId(field, value);
  }

  private static void optionalId(String field, String value) {
    if (value != null && !ID.matcher(value).matches()) {
      throw bad(
          field + ": 1-128 characters from A-Z a-z 0-9 . _ : @ -, starting with a letter or digit");
    }
  }

  private static RuntimeException bad(String detail) {
    return Problem.badRequest(detail).asException();
  }
}

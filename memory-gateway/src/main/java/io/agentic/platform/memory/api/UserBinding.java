package io.agentic.platform.memory.api;

import io.agentic.platform.memory.problem.Problem;
import java.util.Optional;

/**
 * Confines a token bound to one end user to that user's own memories: a request without a user_id
 * acts for the bound user, one naming another user is refused with 403. Group memories are refused
 * too: they are shared by a group's members, and the gateway has no way to tell whether the user is
 * one. Applied before validation, so a filled-in user_id is checked like any other.
 */
final class UserBinding {

  private final Optional<String> user;

  UserBinding(Optional<String> user) {
    this.user = user;
  }

  StoreRequest store(StoreRequest request) {
    if (user.isEmpty() || request == null) {
      return request;
    }
    noGroup(request.groupId());
    return new StoreRequest(own(request.userId()), null, request.sessionId(), request.messages());
  }

  SearchRequest search(SearchRequest request) {
    if (user.isEmpty() || request == null) {
      return request;
    }
    return request.withFilters(filters(request.filters()));
  }

  GetRequest get(GetRequest request) {
    if (user.isEmpty() || request == null) {
      return request;
    }
    return request.withFilters(filters(request.filters()));
  }

  DeleteRequest delete(DeleteRequest request) {
    if (user.isEmpty() || request == null) {
      return request;
    }
    noGroup(request.groupId());
    return new DeleteRequest(own(request.userId()), null, request.sessionId(), request.senderId());
  }

  FlushRequest flush(FlushRequest request) {
    if (user.isEmpty() || request == null) {
      return request;
    }
    noGroup(request.groupId());
    return new FlushRequest(own(request.userId()), null, request.sessionId());
  }

  private Filters filters(Filters filters) {
    if (filters == null) {
      return new Filters(user.get(), null, null, null, null);
    }
    noGroup(filters.groupId());
    return filters.withIds(own(filters.userId()), null, filters.sessionId());
  }

  private String own(String requested) {
    if (requested != null && !requested.equals(user.get())) {
      throw Problem.forbidden(
              "this token acts for one user only; user_id must be that user or left out")
          .asException();
    }
    return user.get();
  }

  private static void noGroup(String groupId) {
    if (groupId != null) {
      throw Problem.forbidden("a token bound to one user cannot act on group memories")
          .asException();
    }
  }
}

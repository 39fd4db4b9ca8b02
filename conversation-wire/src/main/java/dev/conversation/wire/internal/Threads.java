package dev.conversation.wire.internal;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Reads a conversation's whole thread, oldest first, page by page: the seed APIs that show a
 * thread show all of it. Not exported from the module: an implementation detail of the wire
 * packages.
 */
public final class Threads {

  /** How many messages each history page asks for (the service's maximum). */
  public static final int PAGE = 100;

  private Threads() {}

  /** Returns every message of the conversation, or the first problem a page met. */
  public static Either<Problem, Seq<Message>> all(Conversations service, TenantId tenant, ConversationId id) {
    List<Message> all = List.empty();
    Option<String> cursor = Option.none();
    do {
      Either<Problem, Page<Message>> page = service.history(tenant, id, Option.some(PAGE), cursor);
      if (page.isLeft()) {
        return Either.left(page.getLeft());
      }
      all = all.appendAll(page.get().items());
      cursor = page.get().next();
    } while (cursor.isDefined());
    return Either.right(all);
  }
}

package dev.conversation.wire.internal;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.TenantId;
import dev.conversation.service.Conversations;
import dev.conversation.service.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * Reads the thread an API shows in one answer: its last {@value #SHOWN} messages, oldest first,
 * read backwards from its end ({@link Conversations#lastMessages}), so a long thread costs no more
 * than a short one and an answer stays bounded. None of the seed formats pages a thread; the rest
 * is read through the library ({@link Conversations#history}). Not exported from the module: an
 * implementation detail of the wire packages.
 */
public final class Threads {

  private Threads() {}

  /** How many of a thread's last messages an API shows in one answer. */
  public static final int SHOWN = 200;

  /** Returns the conversation's last {@value #SHOWN} messages, or the problem the read met. */
  public static Either<Problem, Seq<Message>> last(Conversations service, TenantId tenant, ConversationId id) {
    return service.lastMessages(tenant, id, SHOWN);
  }
}

package dev.conversation.service;

import dev.conversation.domain.Account;
import dev.conversation.domain.Contact;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Directory;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Enrichment: a conversation's contact and account, looked up in the directory at the same time
 * on the executor and awaited at most the timeout. A directory that fails or is too slow does not
 * fail the read; the result says what is missing. Thread-safe.
 */
final class Enrichment {

  private final Directory directory;
  private final Executor executor;
  private final Duration timeout;

  Enrichment(Directory directory, Executor executor, Duration timeout) {
    this.directory = directory;
    this.executor = executor;
    this.timeout = timeout;
  }

  Enriched enrich(TenantId tenant, Conversation c) {
    CompletableFuture<Option<Contact>> contact = c.contactId().isEmpty()
        ? CompletableFuture.completedFuture(Option.none())
        : lookup(() -> directory.contact(tenant, c.contactId().get()));
    CompletableFuture<Option<Account>> account = c.accountId().isEmpty()
        ? CompletableFuture.completedFuture(Option.none())
        : lookup(() -> directory.account(tenant, c.accountId().get()));
    long deadline = System.nanoTime() + timeout.toNanos();
    Either<String, Option<Contact>> contactResult = await("contact", contact, deadline);
    Either<String, Option<Account>> accountResult = await("account", account, deadline);
    Seq<String> problems = List.of(contactResult, accountResult).filter(Either::isLeft).map(Either::getLeft);
    return new Enriched(c, contactResult.getOrElse(Option.none()), accountResult.getOrElse(Option.none()),
        problems.isEmpty(), problems);
  }

  /** Starts a lookup on the executor; an executor that refuses it (shut down) fails the lookup. */
  private <T> CompletableFuture<T> lookup(Supplier<T> call) {
    try {
      return CompletableFuture.supplyAsync(call, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> Either<String, Option<T>> await(String what, CompletableFuture<Option<T>> future, long deadline) {
    try {
      return Either.right(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      return Either.left(what + " lookup timed out after " + timeout);
    } catch (ExecutionException e) {
      return Either.left(what + " lookup failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Either.left(what + " lookup interrupted");
    }
  }
}

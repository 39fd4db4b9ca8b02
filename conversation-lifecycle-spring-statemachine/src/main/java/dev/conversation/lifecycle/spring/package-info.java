/**
 * The Spring Statemachine bridge. {@link dev.conversation.lifecycle.spring.TableModelFactory}
 * turns the lifecycle's transition table into a Spring model (same states, events and guards,
 * nothing copied by hand); {@link dev.conversation.lifecycle.spring.LifecycleBridge} runs one
 * conversation event through a Spring machine and reports the domain's verdict.
 */
@NullMarked
package dev.conversation.lifecycle.spring;

import org.jspecify.annotations.NullMarked;

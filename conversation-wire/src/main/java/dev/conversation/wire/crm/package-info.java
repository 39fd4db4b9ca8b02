/**
 * The CRM agent platform (seed 003): camelCase conversations with contact and account enrichment and attention items, and its error object.
 */
@NullMarked
package dev.conversation.wire.crm;

import org.jspecify.annotations.NullMarked;

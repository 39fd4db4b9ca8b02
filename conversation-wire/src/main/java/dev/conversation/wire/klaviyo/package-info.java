/**
 * Klaviyo customer agent conversations (seed 000): the JSON:API resource, sparse fieldsets, the revision header and the errors document.
 */
@NullMarked
package dev.conversation.wire.klaviyo;

import org.jspecify.annotations.NullMarked;

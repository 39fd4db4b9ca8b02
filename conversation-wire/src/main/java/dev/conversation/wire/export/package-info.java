/** A person's data as one JSON document, streamed: {@link dev.conversation.wire.export.ContactExport}. */
package dev.conversation.wire.export;

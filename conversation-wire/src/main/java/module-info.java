/**
 * The seed APIs' vocabularies and wire formats: Klaviyo customer agent conversations, AgentClara,
 * LiveChatAI and the CRM agent platform; and a person's data as one JSON document.
 */
module dev.conversation.wire {
  requires transitive dev.conversation.service;
  requires transitive com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.conversation.wire;
  exports dev.conversation.wire.agentclara;
  exports dev.conversation.wire.crm;
  exports dev.conversation.wire.export;
  exports dev.conversation.wire.klaviyo;
  exports dev.conversation.wire.livechatai;
}

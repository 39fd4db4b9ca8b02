package dev.conversation.domain;

/** The kinds of knowledge source an AI reply can cite. */
public enum SourceType {
  /** A web page. */
  WEBSITE,
  /** A plain text snippet. */
  TEXT,
  /** A question-and-answer pair. */
  QA,
  /** A PDF document. */
  PDF,
  /** A YouTube video. */
  YOUTUBE,
  /** A Word document. */
  DOCX,
  /** An image. */
  IMAGE,
  /** A Notion page. */
  NOTION
}

package dev.raut.core.document;

/** Takes each photo as a document is read; may block (to keep only a few in memory). */
@FunctionalInterface
public interface PhotoSink {
  /** Returns false to stop reading the document (cancelled, or the wanted photo was found). */
  boolean accept(EmbeddedPhoto photo);
}

package dev.raut.app.live;

/** A frame's pixels as premultiplied BGRA bytes, ready for a JavaFX {@code PixelWriter}. Reused from a pool. */
final class VideoFrame {
  final byte[] bgra;
  final int width;
  final int height;
  long index;
  /** The frame's scene (see LiveResult#scene): results of another scene are not drawn over it. */
  long scene;

  VideoFrame(int width, int height) {
    this.width = width;
    this.height = height;
    this.bgra = new byte[width * height * 4];
  }
}

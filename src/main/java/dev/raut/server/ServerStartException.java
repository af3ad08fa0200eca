package dev.raut.server;

/** The server could not start: the port is taken, the host is not an address of this machine, a model is missing. */
public final class ServerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

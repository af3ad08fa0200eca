package dev.raut.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: window geometry, theme and the user's last choices. Kept
 * with java.util.prefs (per user, per OS convention); tests pass their own node.
 */
public final class AppSettings {
  private final Preferences prefs;

  public AppSettings(Preferences prefs) {
    this.prefs = prefs;
  }

  public static AppSettings forUser() {
    return new AppSettings(Preferences.userRoot().node("dev/raut/app"));
  }

  public String get(String key, String fallback) {
    return prefs.get(key, fallback);
  }

  public void put(String key, String value) {
    if (value == null) {
      prefs.remove(key);
    } else {
      prefs.put(key, value);
    }
  }

  public double getDouble(String key, double fallback) {
    return prefs.getDouble(key, fallback);
  }

  public void putDouble(String key, double value) {
    prefs.putDouble(key, value);
  }

  public boolean getBoolean(String key, boolean fallback) {
    return prefs.getBoolean(key, fallback);
  }

  public void putBoolean(String key, boolean value) {
    prefs.putBoolean(key, value);
  }

  /** Writes to the backing store now (on exit); a failure only loses preferences, so it is not fatal. */
  public void flush() {
    try {
      prefs.flush();
    } catch (BackingStoreException e) {
      org.slf4j.LoggerFactory.getLogger(AppSettings.class).warn("Settings could not be saved: {}", e.getMessage());
    }
  }
}

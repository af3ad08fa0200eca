package dev.raut.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;

/** The AtlantaFX theme: light, dark, or whatever the OS says (when it can be told). */
public enum Theme {
  SYSTEM,
  LIGHT,
  DARK;

  /** "Follow the system", "Light", "Dark", in the current language. */
  public String label() {
    return Messages.text("app.theme." + name().toLowerCase(Locale.ROOT));
  }

  /** Installs the theme as the user-agent stylesheet; {@code systemDark} is what {@link #osPrefersDark()} said. */
  public void apply(boolean systemDark) {
    boolean dark = this == DARK || this == SYSTEM && systemDark;
    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
        : new PrimerLight().getUserAgentStylesheet());
  }

  public static Theme parse(String name) {
    try {
      return valueOf(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      return SYSTEM;
    }
  }

  /**
   * Whether the OS is in dark mode. JavaFX 21 cannot tell (Platform.getPreferences came in 22), so
   * ask the OS's own tool; slow-ish (a process), so call it off the FX thread. False when unknown.
   */
  public static boolean osPrefersDark() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String gtkTheme = System.getenv("GTK_THEME");
    if (gtkTheme != null && gtkTheme.toLowerCase(Locale.ROOT).contains("dark")) {
      return true;
    }
    if (os.contains("mac")) {
      return output(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
    }
    if (os.contains("win")) {
      return output(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
          "/v", "AppsUseLightTheme")).contains("0x0");
    }
    return output(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
  }

  private static String output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = process.getInputStream()) {
        String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroy();
          return "";
        }
        return text.toLowerCase(Locale.ROOT);
      }
    } catch (IOException e) {
      return ""; // the tool is not installed: the OS gives no hint
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

package dev.raut.core.analysis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.text.Explained;
import dev.raut.core.text.Language;
import dev.raut.core.text.Problem;
import java.util.Objects;

/**
 * Why an image could not be analysed: a stable machine code and a sentence for people. The
 * sentence is made in the language current when the error is (the app's, the CLI's); {@code
 * problem} keeps it as a key and arguments, so a door speaking another language (the server, per
 * request) can say it again with {@link #in(Language)}. JSON has the code and the message only.
 */
@JsonPropertyOrder({"code", "message"})
public record AnalysisError(String code, String message, @JsonIgnore Problem problem) implements Explained {

  /** A message in words from elsewhere, shown as it is in every language. */
  public AnalysisError(String code, String message) {
    this(code, message, Problem.verbatim(message));
  }

  /** The error with its message in the current language. */
  public static AnalysisError of(String code, Problem problem) {
    return new AnalysisError(code, problem.text(), problem);
  }

  /** The same error with its message said in {@code language}. */
  public AnalysisError in(Language language) {
    return new AnalysisError(code, problem.in(language), problem);
  }

  /** Two errors are the same when they say the same: the key is how, not what. */
  @Override
  public boolean equals(Object other) {
    return other instanceof AnalysisError e && code.equals(e.code) && Objects.equals(message, e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, message);
  }
}

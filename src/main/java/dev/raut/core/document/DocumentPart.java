package dev.raut.core.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.text.Problem;

/**
 * Where in a document a photo is. PDF: {@code page} (1-based) and {@code index}, the photo's place
 * among that page's photos in drawing order (1-based). PowerPoint: {@code page} is the slide.
 * Excel: {@code sheet} (its name) and the index among that sheet's pictures. Word: {@code index}
 * only, the place among the document's pictures in the order Word stores them. Absent fields are
 * left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"page", "sheet", "index"})
public record DocumentPart(Integer page, String sheet, int index) {
  public DocumentPart {
    if (index < 1 || page != null && page < 1) {
      throw new IllegalArgumentException("page and index count from 1: " + page + ", " + index);
    }
  }

  public static DocumentPart onPage(int page, int index) {
    return new DocumentPart(page, null, index);
  }

  public static DocumentPart inSheet(String sheet, int index) {
    return new DocumentPart(null, sheet, index);
  }

  public static DocumentPart inOrder(int index) {
    return new DocumentPart(null, null, index);
  }

  /**
   * What people call this photo: "page 3, photo 2", "slide 1, photo 1", "sheet Data, photo 4",
   * "photo 5"; {@code documentName} tells a slide from a page by its extension.
   */
  public String describe(String documentName) {
    return describeProblem(documentName).text();
  }

  /** The same as a text key and arguments, to be said in any language. */
  public Problem describeProblem(String documentName) {
    Problem text = Problem.of("errors.document.part.photo", index);
    if (sheet != null) {
      text = Problem.of("errors.document.part.then", Problem.of("errors.document.part.sheet", sheet), text);
    }
    if (page != null) {
      DocumentFormat format = documentName == null ? null : DocumentFormat.of(new byte[0], documentName);
      String word = format != null && format.pageWord() != null ? format.pageWord() : "page";
      text = Problem.of("errors.document.part.then", Problem.of("errors.document.part." + word, page), text);
    }
    return text;
  }

  /** "report.pdf — page 3, photo 2": a gallery card's title, a table row's name. */
  public static String label(String documentName, DocumentPart part) {
    return part == null ? documentName : documentName + " — " + part.describe(documentName);
  }
}

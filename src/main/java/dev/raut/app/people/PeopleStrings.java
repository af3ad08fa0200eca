package dev.raut.app.people;

import java.nio.file.Path;

/** Words of the People page, in one place so they can move into resource bundles. */
final class PeopleStrings {
  private PeopleStrings() {}

  static final String PAGE = "People";
  static final String PAGE_TIP = "The gallery's faces grouped by person: name them, merge, split";
  static final String FIND = "Find people in the gallery";
  static final String FIND_TIP = "Reads a descriptor of every face in the gallery's analysed photos (photos read"
      + " before are skipped) and groups the faces by person";
  static final String CANCEL = "Cancel";
  static final String NAME_PROMPT = "Name this person";
  static final String RENAME = "Name";
  static final String MERGE = "Merge into…";
  static final String MERGE_TIP = "This person is the same as another: move all their photos there";
  static final String SPLIT = "Not this person";
  static final String SPLIT_TIP = "Take this face out of the group: it becomes a person of its own";
  static final String CANCELLED = "Stopped: the photos read so far are grouped";
  static final String EMPTY = "No people yet. Add photos to the gallery, then press \"" + FIND + "\".";
  static final String LIST = "People";
  static final String OPEN_TIP = "Double-click to see the whole photo in the gallery";

  /** "Person 3" for someone not named yet. */
  static String unnamed(String id) {
    return "Person " + id.replaceAll("\\D", "");
  }

  /** The list entry: "Ana · 4 photos". */
  static String entry(String name, int faces) {
    return name + " · " + faces + (faces == 1 ? " photo" : " photos");
  }

  static String reading(int done, int total) {
    return done + " of " + total + " photos read";
  }

  static String found(int people, int photos) {
    return people + (people == 1 ? " person" : " people") + " in " + photos + (photos == 1 ? " photo" : " photos");
  }

  static String unread(int photos) {
    return photos + (photos == 1 ? " photo" : " photos") + " could not be read";
  }

  static String unreadable(Path file, String why) {
    return "The saved people (" + file + ") could not be read: " + why;
  }

  static String notSaved(Path file, String why) {
    return "People could not be saved to " + file + ": " + why;
  }

  static String photosOf(String name) {
    return "Photos of " + name;
  }
}

package dev.raut.core.attributes;

/** Apparent age in years and the more likely gender ("female" or "male") with its probability. */
public record AgeGender(double age, String gender, double genderScore) {}
